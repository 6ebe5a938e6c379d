import { createHash } from 'node:crypto';
import type { ServiceModel } from '../service/ServiceModel';
import { PLACEHOLDER_RESOURCES } from './placeholderResources';

/** Local values of one CloudFormation resource: its `Ref` and its `Fn::GetAtt` attributes. */
export interface LocalResource {
  type: string;
  ref: string;
  attributes: Record<string, string>;
}

/**
 * The local stand-ins for the service's CloudFormation resources, keyed by logical id.
 * It is the context `resolveIntrinsics` resolves `Ref` / `Fn::GetAtt` / pseudo parameters against.
 * Values follow AWS's formats (ARNs, queue URLs) so code that parses them keeps working.
 */
export class LocalResources {
  readonly pseudo: Record<string, string>;
  readonly #resources = new Map<string, LocalResource>();
  readonly #service: ServiceModel;

  constructor(service: ServiceModel) {
    this.#service = service;
    this.pseudo = {
      'AWS::Region': service.region,
      'AWS::AccountId': service.accountId,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': stackName(service),
      'AWS::StackId': `arn:aws:cloudformation:${service.region}:${service.accountId}:stack/${stackName(service)}/local`,
    };
    this.#registerMessaging();
    this.#registerFunctions();
    this.#registerPlaceholders();
  }

  /** Registers (or replaces) the local values of a logical resource, e.g. a table once the engine created it. */
  set(logicalId: string, resource: LocalResource): void {
    this.#resources.set(logicalId, resource);
  }

  get(logicalId: string): LocalResource | undefined {
    return this.#resources.get(logicalId);
  }

  /** Logical id of the resource whose Ref or any attribute equals `value` (e.g. a queue ARN). */
  findByValue(value: string): string | undefined {
    for (const [logicalId, resource] of this.#resources) {
      if (resource.ref === value || Object.values(resource.attributes).includes(value)) return logicalId;
    }
    return undefined;
  }

  ref = (logicalId: string): string | undefined => this.#resources.get(logicalId)?.ref;

  getAtt = (logicalId: string, attribute: string): string | undefined =>
    this.#resources.get(logicalId)?.attributes[attribute];

  #registerMessaging(): void {
    const { region, accountId } = this.#service;
    for (const [logicalId, resource] of Object.entries(this.#service.resources)) {
      const props = resource.Properties ?? {};
      if (resource.Type === 'AWS::SQS::Queue') {
        const fifo = props['FifoQueue'] === true;
        const name = stringProp(props['QueueName']) ?? this.generatedName(logicalId, fifo ? 75 : 80) + (fifo ? '.fifo' : '');
        const arn = `arn:aws:sqs:${region}:${accountId}:${name}`;
        const url = `https://sqs.${region}.amazonaws.com/${accountId}/${name}`;
        this.set(logicalId, { type: resource.Type, ref: url, attributes: { Arn: arn, QueueName: name, QueueUrl: url } });
      } else if (resource.Type === 'AWS::SNS::Topic') {
        const name = stringProp(props['TopicName']) ?? this.generatedName(logicalId, 256);
        const arn = `arn:aws:sns:${region}:${accountId}:${name}`;
        this.set(logicalId, { type: resource.Type, ref: arn, attributes: { TopicArn: arn, TopicName: name } });
      } else if (resource.Type === 'AWS::Events::EventBus') {
        const name = stringProp(props['Name']) ?? logicalId;
        const arn = `arn:aws:events:${region}:${accountId}:event-bus/${name}`;
        this.set(logicalId, { type: resource.Type, ref: name, attributes: { Arn: arn, Name: name } });
      }
    }
  }

  #registerFunctions(): void {
    const { region, accountId } = this.#service;
    for (const fn of Object.values(this.#service.functions)) {
      const arn = `arn:aws:lambda:${region}:${accountId}:function:${fn.name}`;
      this.set(functionLogicalId(fn.key), { type: 'AWS::Lambda::Function', ref: fn.name, attributes: { Arn: arn } });
    }
  }

  /** Placeholder values for resources that are not emulated but are often referenced (placeholderResources.ts). */
  #registerPlaceholders(): void {
    const { region, accountId } = this.#service;
    for (const [logicalId, resource] of Object.entries(this.#service.resources)) {
      const build = PLACEHOLDER_RESOURCES[resource.Type];
      if (build === undefined || this.#resources.has(logicalId)) continue;
      const props = (resource.Properties ?? {}) as Record<string, unknown>;
      this.set(logicalId, build({ logicalId, props, region, accountId, generatedName: (max) => this.generatedName(logicalId, max) }));
    }
  }

  /** A name shaped like the ones CloudFormation generates (`stack-LogicalId-SUFFIX`), stable per service and stage. */
  generatedName(logicalId: string, maxLength: number): string {
    const suffix = createHash('sha256').update(`${stackName(this.#service)}/${logicalId}`).digest('hex').slice(0, 12).toUpperCase();
    const prefix = `${stackName(this.#service)}-${logicalId}`.slice(0, maxLength - suffix.length - 1);
    return `${prefix}-${suffix}`;
  }
}

/** The logical id osls gives a function's `AWS::Lambda::Function` (`createOrder` → `CreateOrderLambdaFunction`). */
export function functionLogicalId(functionKey: string): string {
  const normalized = functionKey.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${normalized.charAt(0).toUpperCase()}${normalized.slice(1)}LambdaFunction`;
}

function stackName(service: ServiceModel): string {
  return `${service.service}-${service.stage}`;
}

function stringProp(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

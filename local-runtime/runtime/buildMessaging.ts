import type { Clock } from '../clock/Clock';
import type { LocalFunction } from '../lambda/LocalFunction';
import { AsyncInvoker } from '../messaging/AsyncInvoker';
import { compileEventPattern } from '../messaging/eventPattern/compileEventPattern';
import { EventPatternError } from '../messaging/eventPattern/EventPatternError';
import { LocalQueue } from '../messaging/LocalQueue';
import { MessagingHub } from '../messaging/MessagingHub';
import { SqsPoller, type SqsEventOptions } from '../messaging/SqsPoller';
import { resolveIntrinsics } from '../service/resolveIntrinsics';
import type { ServiceModel } from '../service/ServiceModel';
import type { ServiceWarning } from '../service/ServiceWarning';
import { FilterError } from '../mappings/filter/FilterError';
import { compileSqsFilter } from '../messaging/compileSqsFilter';
import { ServiceConfigError } from './errors';
import type { LocalResources } from './LocalResources';
import type { Outbox } from './Outbox';

type Json = Record<string, unknown>;

/** The local messaging side of a service: the hub the SDK handler talks to, and what `drain()` runs. */
export interface LocalMessaging {
  hub: MessagingHub;
  pollers: SqsPoller[];
  asyncInvoker: AsyncInvoker;
  /** Events that cannot be delivered locally (an sqs event on a queue of another stack). */
  warnings: ServiceWarning[];
}

/**
 * Builds the SQS queues, SNS topics and EventBridge buses of the service (resources and the
 * topics/buses osls creates for `sns`/`eventBridge` events by name), and subscribes functions
 * from their `sqs`, `sns` and `eventBridge` events, with sqs `filterPatterns` and `enabled`
 * honoured. What makes the service unrunnable (invalid patterns, an eventBridge event with neither
 * pattern nor schedule) is a config error; what is not emulated is a warning (here: a queue that is
 * not in this service; options validateService warns about, such as `schedule` and `filterPolicy`,
 * are skipped).
 */
export function buildMessaging(deps: {
  service: ServiceModel;
  functions: Map<string, LocalFunction>;
  resources: LocalResources;
  clock: Clock;
  outbox: Outbox;
}): LocalMessaging {
  const { service, functions, resources, clock, outbox } = deps;
  const { region, accountId } = service;
  const invokeAsync = (functionKey: string, event: unknown, trigger: { type: string; source: string }) => fn(functionKey).invoke(event, trigger);
  const fn = (key: string): LocalFunction => {
    const found = functions.get(key);
    if (!found) throw new Error(`no local function for ${key}`);
    return found;
  };
  const asyncInvoker = new AsyncInvoker(invokeAsync);
  const hub = new MessagingHub({
    clock,
    region,
    accountId,
    onSent: (m) => outbox.add({ destinationArn: m.destinationArn, logicalId: m.logicalId, name: m.name, service: m.service, messageId: m.messageId, body: m.body, ...(m.attributes && { attributes: m.attributes }), sentAt: m.sentAt }),
    deliverAsync: (key, event, trigger) => asyncInvoker.enqueue(key, event, trigger),
  });
  const problems: string[] = [];
  const warnings: ServiceWarning[] = [];

  for (const [logicalId, resource] of Object.entries(service.resources)) {
    const local = resources.get(logicalId);
    if (!local) continue;
    const props = (resource.Properties ?? {}) as Json;
    if (resource.Type === 'AWS::SQS::Queue') {
      const redrive = resolveIntrinsics(props['RedrivePolicy'], resources, `resources.${logicalId}.RedrivePolicy`) as Json | undefined;
      hub.addQueue(new LocalQueue(
        logicalId, String(local.attributes['QueueName']), String(local.attributes['Arn']), local.ref,
        typeof props['VisibilityTimeout'] === 'number' ? props['VisibilityTimeout'] : 30,
        redrive ? { deadLetterTargetArn: String(redrive['deadLetterTargetArn']), maxReceiveCount: Number(redrive['maxReceiveCount']) } : undefined,
        typeof props['MaximumMessageSize'] === 'number' ? props['MaximumMessageSize'] : undefined,
      ));
    } else if (resource.Type === 'AWS::SNS::Topic') {
      hub.addTopic({ logicalId, name: String(local.attributes['TopicName']), arn: local.ref, subscribers: [] });
    } else if (resource.Type === 'AWS::Events::EventBus') {
      hub.addBus({ logicalId, name: local.ref, arn: String(local.attributes['Arn']), rules: [] });
    }
  }
  if (!hub.buses.has('default')) {
    hub.addBus({ logicalId: undefined, name: 'default', arn: `arn:aws:events:${region}:${accountId}:event-bus/default`, rules: [] });
  }

  const pollers: SqsPoller[] = [];
  for (const model of Object.values(service.functions)) {
    model.events.forEach((event, index) => {
      const where = `functions.${model.key}.events[${index}]`;
      const [type, raw] = Object.entries(event)[0] ?? [];
      const spec = resolveIntrinsics(raw, resources, `${where}.${type}`);
      const problem = (text: string) => problems.push(`function ${model.key}: events[${index}].${type}: ${text}`);
      if (type === 'sqs') {
        const options = (typeof spec === 'string' ? { arn: spec } : spec) as SqsEventOptions & { arn?: unknown; filterPatterns?: unknown };
        const queue = hub.queues.get(String(options.arn));
        if (!queue) {
          return void warnings.push({ where: `${where}.sqs`, message: `queue ${String(options.arn)} is not a queue of this service: there is no local queue, so the function never receives its messages` });
        }
        let filter: ((record: object) => boolean) | undefined;
        try {
          if (options.filterPatterns !== undefined) filter = compileSqsFilter(options.filterPatterns as Array<string | Json>);
        } catch (error) {
          if (!(error instanceof FilterError)) throw error;
          return void problem(`filterPatterns: ${error.type}: ${error.message}`);
        }
        pollers.push(new SqsPoller(model.key, queue, options, {
          hub, clock, region, ...(filter && { filter }),
          invoke: (batch) => fn(model.key).invoke(batch, { type: 'sqs', source: queue.name, records: (batch as { Records: unknown[] }).Records.length }),
        }));
      } else if (type === 'sns') {
        const options = (typeof spec === 'string' ? (spec.startsWith('arn:') ? { arn: spec } : { topicName: spec }) : spec) as Json;
        const arn = typeof options['arn'] === 'string' ? options['arn'] : `arn:aws:sns:${region}:${accountId}:${String(options['topicName'])}`;
        if (!hub.topics.has(arn)) hub.addTopic({ logicalId: undefined, name: arn.split(':').pop() ?? arn, arn, subscribers: [] });
        hub.topic(arn).subscribers.push({ functionKey: model.key, subscriptionArn: `${arn}:${model.key}-local` });
      } else if (type === 'eventBridge') {
        const options = spec as Json;
        if (options['pattern'] === undefined && options['schedule'] !== undefined) return; // never fires: validateService warns
        if (options['pattern'] === undefined) return void problem('an eventBridge event needs a pattern or a schedule');
        if (options['enabled'] === false) return; // a disabled rule matches nothing
        const busRef = String(options['eventBus'] ?? 'default');
        const name = busRef.startsWith('arn:') ? busRef.split('/').pop() ?? busRef : busRef;
        if (!hub.buses.has(name) && !hub.buses.has(busRef)) {
          hub.addBus({ logicalId: undefined, name, arn: `arn:aws:events:${region}:${accountId}:event-bus/${name}`, rules: [] });
        }
        try {
          hub.bus(hub.buses.has(busRef) ? busRef : name).rules.push({ functionKey: model.key, matches: compileEventPattern(options['pattern']) });
        } catch (error) {
          if (!(error instanceof EventPatternError)) throw error;
          problem(`${error.type}: ${error.message}`);
        }
      }
    });
  }
  if (problems.length > 0) throw new ServiceConfigError(problems);
  return { hub, pollers, asyncInvoker, warnings };
}

import type { Clock } from '../../clock/Clock';
import type { InvocationRecord, InvocationTrigger } from '../../lambda/types';
import { FilterError } from '../../mappings/filter/FilterError';
import type { LocalResources } from '../../runtime/LocalResources';
import { resolveIntrinsics } from '../../service/resolveIntrinsics';
import type { ServiceModel } from '../../service/ServiceModel';
import type { ServiceWarning } from '../../service/ServiceWarning';
import { compileSqsFilter } from '../compileSqsFilter';
import { MessagingError } from '../errors';
import { putRule } from '../eventbridge/ruleOperations';
import type { LocalTarget } from '../eventbridge/LocalBus';
import type { MessagingHub } from '../MessagingHub';
import { newTopic } from '../sns/LocalTopic';
import { subscribe } from '../sns/snsSubscriptions';
import { SqsPoller, type SqsEventOptions } from '../SqsPoller';

type Json = Record<string, unknown>;

/** A target's Input / InputPath / InputTransformer from an event's `input`, `inputPath`, `inputTransformer`. */
function targetInput(options: Json): Partial<LocalTarget> {
  const t = options['inputTransformer'] as { inputPathsMap?: Record<string, string>; inputTemplate?: string } | undefined;
  return {
    ...(options['input'] !== undefined && { Input: typeof options['input'] === 'string' ? options['input'] : JSON.stringify(options['input']) }),
    ...(typeof options['inputPath'] === 'string' && { InputPath: options['inputPath'] }),
    ...(t !== undefined && { InputTransformer: { InputTemplate: String(t.inputTemplate ?? ''), ...(t.inputPathsMap !== undefined && { InputPathsMap: t.inputPathsMap }) } }),
  };
}

/**
 * Subscribes the service's functions from their `sqs` (a poller each), `sns` (a `lambda`
 * subscription with filterPolicy), `eventBridge` (a rule with pattern or schedule) and `schedule`
 * (a scheduled rule per rate) events. Problems (invalid patterns and expressions) and warnings are
 * appended to the lists given.
 */
export function subscribeFunctionEvents(deps: {
  service: ServiceModel;
  hub: MessagingHub;
  resources: LocalResources;
  clock: Clock;
  invoke: (functionKey: string, event: unknown, trigger: InvocationTrigger) => Promise<InvocationRecord>;
  problems: string[];
  warnings: ServiceWarning[];
}): SqsPoller[] {
  const { service, hub, resources, clock, problems, warnings } = deps;
  const { region, accountId } = service;
  const pollers: SqsPoller[] = [];
  for (const model of Object.values(service.functions)) {
    const functionArn = `arn:aws:lambda:${region}:${accountId}:function:${model.name}`;
    model.events.forEach((event, index) => {
      const where = `functions.${model.key}.events[${index}]`;
      const [type, raw] = Object.entries(event)[0] ?? [];
      const problem = (text: string) => problems.push(`function ${model.key}: events[${index}].${type}: ${text}`);
      try {
        const spec = resolveIntrinsics(raw, resources, `${where}.${type}`);
        if (type === 'sqs') {
          const options = (typeof spec === 'string' ? { arn: spec } : spec) as SqsEventOptions & { arn?: unknown; filterPatterns?: unknown };
          const queue = hub.queues.get(String(options.arn));
          if (!queue) {
            return void warnings.push({ where: `${where}.sqs`, message: `queue ${String(options.arn)} is not a queue of this service: there is no local queue, so the function never receives its messages` });
          }
          const filter = options.filterPatterns === undefined ? undefined : compileSqsFilter(options.filterPatterns as Array<string | Json>);
          pollers.push(new SqsPoller(model.key, queue, options, {
            hub, clock, region, ...(filter && { filter }),
            invoke: (batch) => deps.invoke(model.key, batch, { type: 'sqs', source: queue.name, records: (batch as { Records: unknown[] }).Records.length }),
          }));
        } else if (type === 'sns') {
          const options = (typeof spec === 'string' ? (spec.startsWith('arn:') ? { arn: spec } : { topicName: spec }) : spec) as Json;
          const arn = typeof options['arn'] === 'string' ? options['arn'] : `arn:aws:sns:${region}:${accountId}:${String(options['topicName'])}`;
          if (!hub.topics.has(arn)) hub.addTopic(newTopic(undefined, arn.split(':').pop() ?? arn, arn));
          const attributes: Record<string, string> = {};
          if (options['filterPolicy'] !== undefined) attributes['FilterPolicy'] = JSON.stringify(options['filterPolicy']);
          if (typeof options['filterPolicyScope'] === 'string') attributes['FilterPolicyScope'] = options['filterPolicyScope'];
          subscribe(hub, hub.topic(arn), 'lambda', functionArn, attributes, model.key);
        } else if (type === 'eventBridge') {
          const options = spec as Json;
          if (options['pattern'] === undefined && options['schedule'] === undefined) return void problem('an eventBridge event needs a pattern or a schedule');
          const busRef = String(options['eventBus'] ?? 'default');
          const name = busRef.startsWith('arn:') ? busRef.split('/').pop() ?? busRef : busRef;
          if (!hub.buses.has(name) && !hub.buses.has(busRef)) {
            hub.addBus({ logicalId: undefined, name, arn: `arn:aws:events:${region}:${accountId}:event-bus/${name}`, rules: new Map() });
          }
          const bus = hub.bus(hub.buses.has(busRef) ? busRef : name);
          const rule = putRule(hub, bus, {
            Name: typeof options['name'] === 'string' ? options['name'] : `${service.service}-${service.stage}-${model.key}-rule-${index + 1}`.slice(0, 64),
            ...(options['pattern'] !== undefined && { EventPattern: JSON.stringify(options['pattern']) }),
            ...(typeof options['schedule'] === 'string' && { ScheduleExpression: options['schedule'] }),
            State: options['enabled'] === false ? 'DISABLED' : 'ENABLED',
          });
          rule.targets.push({ Id: `${model.key}Target`, Arn: functionArn, functionKey: model.key, ...targetInput(options) });
        } else if (type === 'schedule') {
          const options = (typeof spec === 'string' ? { rate: spec } : spec) as Json;
          const rates = [options['rate']].flat().map(String);
          rates.forEach((rate, r) => {
            const rule = putRule(hub, hub.bus('default'), {
              Name: typeof options['name'] === 'string' ? options['name'] : `${service.service}-${service.stage}-${model.key}-schedule-${index + 1}${rates.length > 1 ? `-${r + 1}` : ''}`.slice(0, 64),
              ScheduleExpression: rate,
              State: options['enabled'] === false ? 'DISABLED' : 'ENABLED',
            });
            rule.targets.push({ Id: `${model.key}Schedule`, Arn: functionArn, functionKey: model.key, ...targetInput(options) });
          });
        }
      } catch (error) {
        if (error instanceof FilterError) return void problem(`filterPatterns: ${error.type}: ${error.message}`);
        if (error instanceof MessagingError) return void problem(`${error.type}: ${error.message}`);
        throw error;
      }
    });
  }
  return pollers;
}

import { LocalQueue } from '../LocalQueue';
import type { MessagingHub } from '../MessagingHub';
import { newTopic } from '../sns/LocalTopic';
import { subscribe } from '../sns/snsSubscriptions';
import { putRule } from '../eventbridge/ruleOperations';
import type { LocalTarget } from '../eventbridge/LocalBus';
import { resolveIntrinsics } from '../../service/resolveIntrinsics';
import type { ServiceModel } from '../../service/ServiceModel';
import type { LocalResources } from '../../runtime/LocalResources';

type Json = Record<string, unknown>;

/** CloudFormation `AWS::SQS::Queue` properties that are queue attributes (objects become JSON text). */
const QUEUE_PROPERTIES = ['ContentBasedDeduplication', 'DeduplicationScope', 'DelaySeconds', 'FifoThroughputLimit', 'KmsDataKeyReusePeriodSeconds', 'KmsMasterKeyId', 'MaximumMessageSize', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'RedriveAllowPolicy', 'RedrivePolicy', 'SqsManagedSseEnabled', 'VisibilityTimeout'];

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function tags(value: unknown): Record<string, string> {
  return Object.fromEntries((Array.isArray(value) ? (value as Json[]) : []).map((t) => [String(t['Key']), String(t['Value'])]));
}

/**
 * Adds the service's queues, topics, buses (first pass) and then its subscriptions, rules,
 * schedules and topic policies (second pass, so references resolve in any order) to the hub.
 * Returns what cannot be run locally, as warnings (`where`, `message`).
 */
export function addMessagingResources(hub: MessagingHub, service: ServiceModel, resources: LocalResources): Array<{ where: string; message: string }> {
  const warnings: Array<{ where: string; message: string }> = [];
  const entries = Object.entries(service.resources);
  const props = (logicalId: string, raw: unknown) => (resolveIntrinsics((raw ?? {}) as never, resources, `resources.${logicalId}.Properties`) ?? {}) as Json;
  for (const [logicalId, resource] of entries) {
    const local = resources.get(logicalId);
    if (!local) continue;
    if (resource.Type === 'AWS::SQS::Queue') {
      const p = props(logicalId, resource.Properties);
      const attributes: Record<string, string> = {};
      for (const name of QUEUE_PROPERTIES) if (p[name] !== undefined) attributes[name] = text(p[name]);
      const queue = new LocalQueue(logicalId, String(local.attributes['QueueName']), String(local.attributes['Arn']), local.ref, attributes, hub.now);
      Object.assign(queue.tags, tags(p['Tags']));
      hub.addQueue(queue);
    } else if (resource.Type === 'AWS::SNS::Topic') {
      const p = props(logicalId, resource.Properties);
      const attributes: Record<string, string> = {};
      for (const name of ['DisplayName', 'ContentBasedDeduplication', 'FifoTopic', 'KmsMasterKeyId']) if (p[name] !== undefined) attributes[name] = String(p[name]);
      hub.addTopic(newTopic(logicalId, String(local.attributes['TopicName']), local.ref, attributes));
    } else if (resource.Type === 'AWS::Events::EventBus') {
      hub.addBus({ logicalId, name: local.ref, arn: String(local.attributes['Arn']), rules: new Map() });
    }
  }
  if (!hub.buses.has('default')) {
    hub.addBus({ logicalId: undefined, name: 'default', arn: `arn:aws:events:${hub.region}:${hub.accountId}:event-bus/default`, rules: new Map() });
  }
  for (const [logicalId, resource] of entries) {
    const where = `resources.${logicalId}`;
    if (resource.Type === 'AWS::SNS::Topic') {
      const p = props(logicalId, resource.Properties);
      const topic = hub.topics.get(String(resources.get(logicalId)?.ref));
      for (const s of (Array.isArray(p['Subscription']) ? p['Subscription'] : []) as Json[]) {
        if (topic !== undefined) subscribe(hub, topic, String(s['Protocol']), String(s['Endpoint']), {});
      }
    } else if (resource.Type === 'AWS::SNS::Subscription') {
      const p = props(logicalId, resource.Properties);
      const topic = hub.topics.get(String(p['TopicArn']));
      if (topic === undefined) {
        warnings.push({ where, message: `topic ${String(p['TopicArn'])} is not a topic of this service: the subscription delivers nothing` });
        continue;
      }
      const attributes: Record<string, string> = {};
      for (const name of ['FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy', 'DeliveryPolicy']) if (p[name] !== undefined) attributes[name] = text(p[name]);
      subscribe(hub, topic, String(p['Protocol']), String(p['Endpoint']), attributes);
    } else if (resource.Type === 'AWS::Events::Rule') {
      const p = props(logicalId, resource.Properties);
      const busRef = String(p['EventBusName'] ?? 'default');
      const bus = hub.buses.get(busRef) ?? hub.buses.get(busRef.split('/').pop() ?? busRef);
      if (bus === undefined) {
        warnings.push({ where, message: `event bus ${busRef} is not a bus of this service: the rule never matches` });
        continue;
      }
      const rule = putRule(hub, bus, {
        Name: typeof p['Name'] === 'string' ? p['Name'] : resources.generatedName(logicalId, 64),
        ...(p['EventPattern'] !== undefined && { EventPattern: text(p['EventPattern']) }),
        ...(typeof p['ScheduleExpression'] === 'string' && { ScheduleExpression: p['ScheduleExpression'] }),
        ...(typeof p['State'] === 'string' && { State: p['State'] }),
      });
      rule.targets = ((p['Targets'] ?? []) as Json[]).map((t) => ({
        Id: String(t['Id']),
        Arn: String(t['Arn']),
        ...(t['Input'] !== undefined && { Input: text(t['Input']) }),
        ...(typeof t['InputPath'] === 'string' && { InputPath: t['InputPath'] }),
        ...(t['InputTransformer'] !== undefined && { InputTransformer: t['InputTransformer'] as LocalTarget['InputTransformer'] & object }),
        ...(t['SqsParameters'] !== undefined && { SqsParameters: t['SqsParameters'] as { MessageGroupId?: string } }),
      }));
    } else if (resource.Type === 'AWS::Scheduler::Schedule') {
      const p = props(logicalId, resource.Properties);
      if (p['State'] === 'DISABLED') continue;
      const target = (p['Target'] ?? {}) as Json;
      const arn = String(target['Arn']);
      const input = target['Input'] === undefined ? '{}' : text(target['Input']);
      hub.scheduler.add(`scheduler:${logicalId}`, String(p['ScheduleExpression']), () => {
        if (!hub.deliverToArn(arn, input, { type: 'schedule', source: String(p['Name'] ?? logicalId) })) return;
      });
    }
  }
  return warnings;
}

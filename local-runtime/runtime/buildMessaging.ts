import type { Clock } from '../clock/Clock';
import type { LocalFunction } from '../lambda/LocalFunction';
import { AsyncInvoker } from '../messaging/AsyncInvoker';
import { asyncConfigOf, DEFAULT_ASYNC_CONFIG } from '../messaging/async/asyncConfig';
import { addMessagingResources } from '../messaging/build/addMessagingResources';
import { subscribeFunctionEvents } from '../messaging/build/subscribeFunctionEvents';
import { MessagingHub } from '../messaging/MessagingHub';
import type { SqsPoller } from '../messaging/SqsPoller';
import type { ServiceModel } from '../service/ServiceModel';
import type { ServiceWarning } from '../service/ServiceWarning';
import { ServiceConfigError } from './errors';
import type { LocalResources } from './LocalResources';
import type { Outbox } from './Outbox';

/** The local messaging side of a service: the hub the SDK handler talks to, and what `drain()` runs. */
export interface LocalMessaging {
  hub: MessagingHub;
  pollers: SqsPoller[];
  asyncInvoker: AsyncInvoker;
  /** Events that cannot be delivered locally (an sqs event on a queue of another stack). */
  warnings: ServiceWarning[];
}

/**
 * Builds the SQS queues, SNS topics, EventBridge buses, subscriptions, rules and schedules of the
 * service (its CloudFormation resources, then the topics/buses osls creates for `sns`/
 * `eventBridge` events by name), and subscribes functions from their `sqs`, `sns`, `eventBridge`
 * and `schedule` events. What makes the service unrunnable (invalid patterns, filter policies or
 * schedule expressions) is a config error; what is not emulated is a warning.
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
  const fn = (key: string): LocalFunction => {
    const found = functions.get(key);
    if (!found) throw new Error(`no local function for ${key}`);
    return found;
  };
  const keysByName = new Map<string, string>();
  for (const model of Object.values(service.functions)) {
    keysByName.set(model.name, model.key);
    keysByName.set(`arn:aws:lambda:${region}:${accountId}:function:${model.name}`, model.key);
  }
  const asyncConfigs = new Map(Object.values(service.functions).map((model) => [model.key, asyncConfigOf(model, resources)]));
  const functionArn = (key: string) => `arn:aws:lambda:${region}:${accountId}:function:${service.functions[key]?.name ?? key}`;
  const destination = { type: 'destination', source: 'async invocation' };
  const asyncInvoker = new AsyncInvoker((functionKey, event, trigger) => fn(functionKey).invoke(event, trigger), {
    clock,
    config: (key) => asyncConfigs.get(key) ?? DEFAULT_ASYNC_CONFIG,
    functionArn,
    deliver: (arn, payload, attributes) => hub.deliverToArn(arn, payload, destination, attributes === undefined ? {} : { attributes }),
  });
  const hub: MessagingHub = new MessagingHub({
    clock,
    region,
    accountId,
    onSent: (m) => outbox.add({ destinationArn: m.destinationArn, logicalId: m.logicalId, name: m.name, service: m.service, messageId: m.messageId, body: m.body, ...(m.attributes && { attributes: m.attributes }), sentAt: m.sentAt }),
    deliverAsync: (key, event, trigger) => asyncInvoker.enqueue(key, event, trigger),
    // A qualified ARN (`…:function:name:alias`) names the same local function.
    functionKeyOf: (arnOrName) => keysByName.get(arnOrName) ?? keysByName.get(arnOrName.split(':').slice(0, 7).join(':')),
  });
  // Stream mappings' on-failure records go into the local queue or topic they name.
  outbox.deliverTo((arn, body) => hub.deliverToArn(arn, body, destination));
  const problems: string[] = [];
  const warnings: ServiceWarning[] = [];
  try {
    warnings.push(...addMessagingResources(hub, service, resources));
  } catch (error) {
    if (!(error instanceof Error) || !('type' in error)) throw error;
    problems.push(`resources: ${String(error.type)}: ${error.message}`);
  }
  const pollers = subscribeFunctionEvents({ service, hub, resources, clock, invoke: (key, event, trigger) => fn(key).invoke(event, trigger), problems, warnings });
  if (problems.length > 0) throw new ServiceConfigError(problems);
  return { hub, pollers, asyncInvoker, warnings };
}

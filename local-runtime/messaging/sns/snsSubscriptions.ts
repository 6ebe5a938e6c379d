import { randomUUID } from 'node:crypto';
import { MessagingError } from '../errors';
import type { MessagingHub } from '../MessagingHub';
import { compileFilterPolicy } from './compileFilterPolicy';
import type { LocalSubscription, LocalTopic } from './LocalTopic';

const SUBSCRIPTION_ATTRIBUTES = new Set(['DeliveryPolicy', 'FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy', 'SubscriptionRoleArn']);
const PROTOCOLS = new Set(['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose']);

const invalid = (text: string) => new MessagingError('InvalidParameter', `Invalid parameter: ${text}`);

/** Sets one subscription attribute, recompiling the filter policy (nothing changes on an invalid value). */
export function setSubscriptionAttribute(subscription: LocalSubscription, name: string, value: string): void {
  if (!SUBSCRIPTION_ATTRIBUTES.has(name)) throw invalid(`AttributeName`);
  if (name === 'RawMessageDelivery' && value !== 'true' && value !== 'false') throw invalid('Attributes Reason: RawMessageDelivery: Invalid value [' + value + ']. Must be true or false.');
  if (name === 'FilterPolicyScope' && value !== 'MessageAttributes' && value !== 'MessageBody') throw invalid('Attributes Reason: FilterPolicyScope: Invalid value [' + value + ']. Please use either MessageBody or MessageAttributes');
  const next = { ...subscription.attributes, [name]: value };
  const policy = next['FilterPolicy'];
  const matches = policy === undefined || policy === '' ? undefined : compileFilterPolicy(policy, next['FilterPolicyScope']);
  subscription.attributes[name] = value;
  subscription.matches = matches;
}

/** Subscribe: `sqs` and `lambda` subscriptions are confirmed at once; other protocols stay pending (never delivered locally). */
export function subscribe(hub: MessagingHub, topic: LocalTopic, protocol: string, endpoint: string, attributes: Record<string, string>, functionKey?: string): LocalSubscription {
  if (!PROTOCOLS.has(protocol)) throw invalid(`Amazon SNS does not support this protocol string: ${protocol}`);
  if (endpoint === '') throw invalid('Endpoint');
  const existing = topic.subscriptions.find((s) => s.protocol === protocol && s.endpoint === endpoint);
  if (existing !== undefined) return existing;
  const subscription: LocalSubscription = {
    arn: `${topic.arn}:${randomUUID()}`,
    topicArn: topic.arn,
    protocol,
    endpoint,
    attributes: {},
    matches: undefined,
    ...(functionKey !== undefined && { functionKey }),
  };
  for (const [name, value] of Object.entries(attributes)) setSubscriptionAttribute(subscription, name, value);
  topic.subscriptions.push(subscription);
  return subscription;
}

/** The subscription with an ARN, or SNS's `NotFound`. */
export function findSubscription(hub: MessagingHub, arn: unknown): { topic: LocalTopic; subscription: LocalSubscription } {
  for (const topic of hub.topics.values()) {
    const subscription = topic.subscriptions.find((s) => s.arn === arn);
    if (subscription !== undefined) return { topic, subscription };
  }
  throw new MessagingError('NotFound', 'Subscription does not exist', 404);
}

/** GetSubscriptionAttributes' values. */
export function subscriptionAttributes(hub: MessagingHub, subscription: LocalSubscription): Record<string, string> {
  const confirmed = subscription.protocol === 'sqs' || subscription.protocol === 'lambda';
  return {
    SubscriptionArn: subscription.arn,
    TopicArn: subscription.topicArn,
    Owner: hub.accountId,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    ConfirmationWasAuthenticated: String(confirmed),
    PendingConfirmation: String(!confirmed),
    RawMessageDelivery: 'false',
    SubscriptionPrincipal: `arn:aws:iam::${hub.accountId}:user/tidepool-local`,
    ...subscription.attributes,
  };
}

import { randomUUID } from 'node:crypto';
import { MessagingError } from './errors';
import type { MessagingHub } from './MessagingHub';
import { newTopic, type LocalTopic, type SnsMessageAttribute } from './sns/LocalTopic';
import { escapeXml, queryMap, queryMessageAttributes, queryTags, xmlEntries, xmlMembers } from './sns/snsQuery';
import { findSubscription, setSubscriptionAttribute, subscribe, subscriptionAttributes } from './sns/snsSubscriptions';
import type { MessagingWireReply, MessagingWireRequest } from './wireTypes';

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const MAX_BATCH = 10;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const MAX_MESSAGE_BYTES = 262_144;
type Params = URLSearchParams;

const invalid = (text: string) => new MessagingError('InvalidParameter', `Invalid parameter: ${text}`);

function topicAttributes(hub: MessagingHub, topic: LocalTopic): Record<string, string> {
  const confirmed = topic.subscriptions.filter((s) => s.protocol === 'sqs' || s.protocol === 'lambda').length;
  return {
    TopicArn: topic.arn,
    Owner: hub.accountId,
    SubscriptionsConfirmed: String(confirmed),
    SubscriptionsPending: String(topic.subscriptions.length - confirmed),
    SubscriptionsDeleted: '0',
    ...topic.attributes,
  };
}

const summary = (hub: MessagingHub) => (s: { arn: string; protocol: string; endpoint: string; topicArn: string }) => ({
  SubscriptionArn: s.arn, Owner: hub.accountId, Protocol: s.protocol, Endpoint: s.endpoint, TopicArn: s.topicArn,
});

const OPERATIONS: Record<string, (hub: MessagingHub, params: Params) => string> = {
  CreateTopic: (hub, params) => {
    const name = params.get('Name') ?? '';
    const attributes = queryMap(params, 'Attributes');
    const fifo = name.endsWith('.fifo');
    if (!TOPIC_NAME.test(fifo ? name.slice(0, -5) : name)) throw invalid('Topic Name');
    if ((attributes['FifoTopic'] === 'true') !== fifo && attributes['FifoTopic'] !== undefined) throw invalid('Topic Name');
    const arn = `arn:aws:sns:${hub.region}:${hub.accountId}:${name}`;
    if (!hub.topics.has(arn)) hub.addTopic(newTopic(undefined, name, arn, attributes));
    Object.assign(hub.topic(arn).tags, queryTags(params, 'Tags'));
    return `<CreateTopicResult><TopicArn>${arn}</TopicArn></CreateTopicResult>`;
  },
  DeleteTopic: (hub, params) => {
    hub.topics.delete(params.get('TopicArn') ?? '');
    return '';
  },
  ListTopics: (hub) => `<ListTopicsResult><Topics>${xmlMembers([...hub.topics.keys()].map((arn) => ({ TopicArn: arn })))}</Topics></ListTopicsResult>`,
  GetTopicAttributes: (hub, params) => `<GetTopicAttributesResult><Attributes>${xmlEntries(topicAttributes(hub, hub.topic(params.get('TopicArn'))))}</Attributes></GetTopicAttributesResult>`,
  SetTopicAttributes: (hub, params) => {
    const topic = hub.topic(params.get('TopicArn'));
    const name = params.get('AttributeName') ?? '';
    if (!['DisplayName', 'Policy', 'DeliveryPolicy', 'KmsMasterKeyId', 'ContentBasedDeduplication', 'TracingConfig', 'SignatureVersion'].includes(name)) throw invalid('AttributeName');
    topic.attributes[name] = params.get('AttributeValue') ?? '';
    return '';
  },
  Subscribe: (hub, params) => {
    const topic = hub.topic(params.get('TopicArn'));
    const protocol = params.get('Protocol') ?? '';
    const endpoint = params.get('Endpoint') ?? '';
    if (protocol === 'sqs' && !hub.queues.has(endpoint)) throw invalid('SQS endpoint ARN');
    const subscription = subscribe(hub, topic, protocol, endpoint, queryMap(params, 'Attributes'));
    const confirmed = protocol === 'sqs' || protocol === 'lambda' || params.get('ReturnSubscriptionArn') === 'true';
    return `<SubscribeResult><SubscriptionArn>${confirmed ? subscription.arn : 'pending confirmation'}</SubscriptionArn></SubscribeResult>`;
  },
  Unsubscribe: (hub, params) => {
    const { topic, subscription } = findSubscription(hub, params.get('SubscriptionArn'));
    topic.subscriptions.splice(topic.subscriptions.indexOf(subscription), 1);
    return '';
  },
  ListSubscriptions: (hub) => {
    const all = [...hub.topics.values()].flatMap((t) => t.subscriptions);
    return `<ListSubscriptionsResult><Subscriptions>${xmlMembers(all.map(summary(hub)))}</Subscriptions></ListSubscriptionsResult>`;
  },
  ListSubscriptionsByTopic: (hub, params) => {
    const topic = hub.topic(params.get('TopicArn'));
    return `<ListSubscriptionsByTopicResult><Subscriptions>${xmlMembers(topic.subscriptions.map(summary(hub)))}</Subscriptions></ListSubscriptionsByTopicResult>`;
  },
  GetSubscriptionAttributes: (hub, params) => {
    const { subscription } = findSubscription(hub, params.get('SubscriptionArn'));
    return `<GetSubscriptionAttributesResult><Attributes>${xmlEntries(subscriptionAttributes(hub, subscription))}</Attributes></GetSubscriptionAttributesResult>`;
  },
  SetSubscriptionAttributes: (hub, params) => {
    const { subscription } = findSubscription(hub, params.get('SubscriptionArn'));
    setSubscriptionAttribute(subscription, params.get('AttributeName') ?? '', params.get('AttributeValue') ?? '');
    return '';
  },
  TagResource: (hub, params) => {
    Object.assign(hub.topic(params.get('ResourceArn')).tags, queryTags(params, 'Tags'));
    return '';
  },
  ListTagsForResource: (hub, params) => {
    const tags = hub.topic(params.get('ResourceArn')).tags;
    return `<ListTagsForResourceResult><Tags>${xmlMembers(Object.entries(tags).map(([Key, Value]) => ({ Key, Value })))}</Tags></ListTagsForResourceResult>`;
  },
  Publish: (hub, params) => {
    const topic = hub.topic(params.get('TopicArn') ?? params.get('TargetArn'));
    const messageId = hub.publish(topic, publishInput(topic, params, ''));
    return `<PublishResult><MessageId>${messageId}</MessageId></PublishResult>`;
  },
  PublishBatch: (hub, params) => {
    const topic = hub.topic(params.get('TopicArn'));
    const prefixes: string[] = [];
    for (let i = 1; params.has(`PublishBatchRequestEntries.member.${i}.Id`); i++) prefixes.push(`PublishBatchRequestEntries.member.${i}.`);
    if (prefixes.length === 0) throw new MessagingError('EmptyBatchRequest', 'The batch request doesn\'t contain any entries.');
    if (prefixes.length > MAX_BATCH) throw new MessagingError('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible.');
    const ids = prefixes.map((p) => params.get(`${p}Id`) ?? '');
    if (new Set(ids).size !== ids.length) throw new MessagingError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
    const successful: string[] = [];
    const failed: string[] = [];
    prefixes.forEach((prefix, i) => {
      const id = escapeXml(ids[i] ?? '');
      try {
        successful.push(`<member><Id>${id}</Id><MessageId>${hub.publish(topic, publishInput(topic, params, prefix))}</MessageId></member>`);
      } catch (error) {
        if (!(error instanceof MessagingError)) throw error;
        failed.push(`<member><Id>${id}</Id><Code>${error.type}</Code><Message>${escapeXml(error.message)}</Message><SenderFault>true</SenderFault></member>`);
      }
    });
    return `<PublishBatchResult><Successful>${successful.join('')}</Successful><Failed>${failed.join('')}</Failed></PublishBatchResult>`;
  },
};

function publishInput(topic: LocalTopic, params: Params, prefix: string): Parameters<MessagingHub['publish']>[1] {
  const message = params.get(`${prefix}Message`);
  if (message === null || message === '') throw invalid('Empty message');
  if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) throw invalid('Message too long');
  const subject = params.get(`${prefix}Subject`);
  const group = params.get(`${prefix}MessageGroupId`);
  const dedup = params.get(`${prefix}MessageDeduplicationId`);
  const fifo = topic.name.endsWith('.fifo');
  if (fifo && group === null) throw invalid('The MessageGroupId parameter is required for FIFO topics');
  if (fifo && dedup === null && topic.attributes['ContentBasedDeduplication'] !== 'true') {
    throw invalid('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  }
  const attributes: Record<string, SnsMessageAttribute> = queryMessageAttributes(params, prefix);
  return {
    message,
    attributes,
    ...(subject !== null && { subject }),
    ...(group !== null && { messageGroupId: group }),
    ...(dedup !== null && { messageDeduplicationId: dedup }),
  };
}

/**
 * SNS over the AWS Query protocol, as every SDK and the AWS CLI speak it: a form-encoded request
 * (`Action=Publish&TopicArn=…`) and an XML response; errors in `<ErrorResponse>`. Topics,
 * subscriptions (with filter policies), tags, Publish and PublishBatch
 * (https://docs.aws.amazon.com/sns/latest/api/API_Operations.html).
 */
export async function handleSnsRequest(hub: MessagingHub, request: MessagingWireRequest): Promise<MessagingWireReply> {
  const params = new URLSearchParams(request.body);
  const action = params.get('Action') ?? '';
  const requestId = randomUUID();
  const xml = { 'content-type': 'text/xml' };
  try {
    const handler = OPERATIONS[action];
    if (handler === undefined) throw new MessagingError('InvalidAction', `The action ${action} is not valid for this endpoint.`);
    const result = handler(hub, params);
    return {
      statusCode: 200,
      headers: xml,
      body: `<${action}Response xmlns="${XMLNS}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
    };
  } catch (error) {
    if (!(error instanceof MessagingError)) throw error;
    return {
      statusCode: error.statusCode,
      headers: xml,
      body: `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${error.type}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
}

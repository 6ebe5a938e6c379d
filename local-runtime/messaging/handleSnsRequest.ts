import { randomUUID } from 'node:crypto';
import { MessagingError } from './errors';
import type { MessagingHub, SnsMessageAttribute } from './MessagingHub';
import type { MessagingWireReply, MessagingWireRequest } from './wireTypes';

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const MAX_BATCH = 10;
type Params = URLSearchParams;

const OPERATIONS: Record<string, (hub: MessagingHub, params: Params) => string> = {
  Publish: (hub, params) => {
    const topic = hub.topic(params.get('TopicArn') ?? params.get('TargetArn'));
    const messageId = hub.publish(topic, publishInput(params, ''));
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
    const successful = prefixes.map((prefix, i) => {
      const messageId = hub.publish(topic, publishInput(params, prefix));
      return `<member><Id>${escapeXml(ids[i] ?? '')}</Id><MessageId>${messageId}</MessageId></member>`;
    });
    return `<PublishBatchResult><Successful>${successful.join('')}</Successful><Failed/></PublishBatchResult>`;
  },
};

function publishInput(params: Params, prefix: string): { message: string; subject?: string; attributes: Record<string, SnsMessageAttribute> } {
  const message = params.get(`${prefix}Message`);
  if (message === null || message === '') throw new MessagingError('InvalidParameter', 'Invalid parameter: Empty message');
  const subject = params.get(`${prefix}Subject`);
  const attributes: Record<string, SnsMessageAttribute> = {};
  for (let i = 1; params.has(`${prefix}MessageAttributes.entry.${i}.Name`); i++) {
    const at = `${prefix}MessageAttributes.entry.${i}.`;
    const value = params.get(`${at}Value.StringValue`);
    const binary = params.get(`${at}Value.BinaryValue`);
    attributes[params.get(`${at}Name`) ?? ''] = {
      DataType: params.get(`${at}Value.DataType`) ?? 'String',
      ...(value !== null && { StringValue: value }),
      ...(binary !== null && { BinaryValue: binary }),
    };
  }
  return { message, ...(subject !== null && { subject }), attributes };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * SNS over the AWS Query protocol, as @aws-sdk/client-sns speaks it: a form-encoded request
 * (`Action=Publish&TopicArn=…`) and an XML response; errors in `<ErrorResponse>`.
 * Operations: Publish, PublishBatch.
 */
export function handleSnsRequest(hub: MessagingHub, request: MessagingWireRequest): MessagingWireReply {
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

import { randomUUID } from 'node:crypto';
import { MessagingError } from './errors';
import type { MessagingHub } from './MessagingHub';
import { MESSAGE_OPERATIONS } from './sqs/messageOperations';
import { QUEUE_OPERATIONS } from './sqs/queueOperations';
import type { Json } from './sqs/sqsInput';
import { escapeXml, outputToXml, queryToInput } from './sqs/sqsQuery';
import type { MessagingWireReply, MessagingWireRequest } from './wireTypes';

const OPERATIONS: Record<string, (hub: MessagingHub, input: Json) => Json | Promise<Json>> = { ...QUEUE_OPERATIONS, ...MESSAGE_OPERATIONS };
const JSON_TYPE = { 'content-type': 'application/x-amz-json-1.0' };

function unsupported(operation: string): MessagingError {
  return new MessagingError('UnsupportedOperation', `Operation ${operation} is not supported by the local SQS.`, 400, 'AWS.SimpleQueueService.UnsupportedOperation');
}

/** The queue URL of a Query request may be its path (`POST /000000000000/jobs`), as aws-sdk v2 sends it. */
function queryParams(request: MessagingWireRequest): Map<string, string> {
  const url = new URL(request.path ?? '/', 'http://local');
  const params = new Map<string, string>([...url.searchParams, ...new URLSearchParams(request.body)]);
  if (!params.has('QueueUrl') && /^\/\d{12}\/[^/]+$/.test(url.pathname)) params.set('QueueUrl', url.pathname);
  return params;
}

async function answerQuery(hub: MessagingHub, request: MessagingWireRequest): Promise<MessagingWireReply> {
  const params = queryParams(request);
  const action = params.get('Action') ?? '';
  const requestId = randomUUID();
  try {
    const handler = OPERATIONS[action];
    if (handler === undefined) throw unsupported(action);
    const output = await handler(hub, queryToInput(params));
    return { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: outputToXml(action, output, requestId) };
  } catch (error) {
    if (!(error instanceof MessagingError)) throw error;
    const body = `<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type><Code>${error.queryCode ?? error.type}</Code><Message>${escapeXml(error.message)}</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { statusCode: error.statusCode, headers: { 'content-type': 'text/xml' }, body };
  }
}

/**
 * SQS over the AWS JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<Operation>`: SDK v3, recent
 * aws-sdk v2 and AWS CLI) and over the Query protocol (form-encoded `Action=…`, XML replies:
 * older SDKs). Every operation of the API but permissions and message move tasks
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Operations.html).
 * JSON errors carry `__type: com.amazonaws.sqs#<Type>` and the legacy code in `x-amzn-query-error`.
 */
export async function handleSqsRequest(hub: MessagingHub, request: MessagingWireRequest): Promise<MessagingWireReply> {
  const target = request.headers['x-amz-target'];
  if (target === undefined) return answerQuery(hub, request);
  const operation = target.replace(/^AmazonSQS\./, '');
  try {
    const handler = OPERATIONS[operation];
    if (handler === undefined) throw unsupported(operation);
    let input: Json;
    try {
      input = JSON.parse(request.body === '' ? '{}' : request.body) as Json;
    } catch {
      throw new MessagingError('SerializationException', 'Malformed request body: not valid JSON.', 400);
    }
    return { statusCode: 200, headers: JSON_TYPE, body: JSON.stringify(await handler(hub, input)) };
  } catch (error) {
    if (!(error instanceof MessagingError)) throw error;
    return {
      statusCode: error.statusCode,
      headers: { ...JSON_TYPE, ...(error.queryCode !== undefined && { 'x-amzn-query-error': `${error.queryCode};Sender` }) },
      body: JSON.stringify({ __type: `com.amazonaws.sqs#${error.type}`, message: error.message }),
    };
  }
}

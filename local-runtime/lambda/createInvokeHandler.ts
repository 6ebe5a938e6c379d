import { awsErrorResponse } from '../preload/awsErrorResponse';
import { awsOperationOf } from '../preload/awsOperationOf';
import type { AwsServiceHandler, AwsServiceRequest, AwsServiceResponse } from '../preload/AwsServiceHandler';
import { NOT_EMULATED_CODE, notEmulatedMessage } from '../preload/notEmulatedMessage';
import type { LocalFunction } from './LocalFunction';
import type { InvocationTrigger } from './types';

/** Lambda's synchronous payload limit (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
const MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export interface InvokeHandlerDeps {
  functions: Map<string, LocalFunction>;
  region: string;
  accountId: string;
  /** Queues an asynchronous (`Event`) invocation: Lambda's async queue, with its retries. */
  enqueue: (functionKey: string, event: unknown, trigger: InvocationTrigger) => void;
}

function error(statusCode: number, code: string, message: string): AwsServiceResponse {
  const reply = awsErrorResponse('rest-json', { statusCode, code, message });
  // Lambda's REST-JSON errors carry `Type` beside the message.
  return { ...reply, body: JSON.stringify({ Type: 'User', message }) };
}

/** The function an Invoke names: its name, `name:qualifier`, a partial ARN or a full ARN. */
function functionNameOf(raw: string): { name: string; qualifier?: string } {
  const parts = raw.split(':');
  if (parts[0] === 'arn') return { name: parts[6] ?? '', ...(parts[7] !== undefined && { qualifier: parts[7] }) };
  if (parts[1] === 'function') return { name: parts[2] ?? '', ...(parts[3] !== undefined && { qualifier: parts[3] }) };
  return { name: parts[0]!, ...(parts[1] !== undefined && { qualifier: parts[1] }) };
}

/**
 * The Lambda `Invoke` API (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html) against the
 * runtime's local functions: `POST /2015-03-31/functions/{FunctionName}/invocations`, by name,
 * partial or full ARN; `RequestResponse` answers with the result (a function error with
 * `X-Amz-Function-Error: Unhandled` and the error payload), `Event` queues it (202), `DryRun` 204.
 * An unknown function is `ResourceNotFoundException` ("Function not found: <ARN>"). Other Lambda
 * API operations are refused as not emulated.
 */
export function createInvokeHandler(deps: InvokeHandlerDeps): AwsServiceHandler {
  const byName = (name: string): LocalFunction | undefined => [...deps.functions.values()].find((fn) => fn.model.name === name);
  return async (request: AwsServiceRequest) => {
    const url = new URL(request.path, 'http://local');
    const match = request.method === 'POST' ? INVOKE_PATH.exec(url.pathname) : null;
    if (match === null) {
      const operation = awsOperationOf('lambda', request);
      return awsErrorResponse('rest-json', { statusCode: 400, code: NOT_EMULATED_CODE, message: notEmulatedMessage({ service: 'lambda', operation, caller: request.caller }) });
    }
    const { name, qualifier: fromName } = functionNameOf(decodeURIComponent(match[1]!));
    const qualifier = url.searchParams.get('Qualifier') ?? fromName;
    const fn = byName(name);
    if (fn === undefined) {
      const arn = `arn:aws:lambda:${deps.region}:${deps.accountId}:function:${name}${qualifier === undefined ? '' : `:${qualifier}`}`;
      return error(404, 'ResourceNotFoundException', `Function not found: ${arn}`);
    }
    const type = request.headers['x-amz-invocation-type'] ?? 'RequestResponse';
    if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
      return error(400, 'InvalidParameterValueException', `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`);
    }
    if (type === 'RequestResponse' && request.body.byteLength > MAX_SYNC_PAYLOAD_BYTES) {
      // What Lambda answers (the API reference names it RequestTooLargeException; the wire says RequestEntityTooLargeException).
      return error(413, 'RequestEntityTooLargeException', `Request must be smaller than ${MAX_SYNC_PAYLOAD_BYTES} bytes for the InvokeFunction operation`);
    }
    let event: unknown;
    try {
      event = request.body.byteLength === 0 ? undefined : JSON.parse(request.body.toString('utf8'));
    } catch (cause) {
      return error(400, 'InvalidRequestContentException', `Could not parse request body into json: ${(cause as Error).message}`);
    }
    const executed = { 'x-amz-executed-version': '$LATEST' };
    if (type === 'DryRun') return { statusCode: 204, headers: {}, body: '' };
    const trigger: InvocationTrigger = { type: 'invoke', source: request.caller === undefined ? 'Lambda Invoke API' : `Invoke from ${request.caller}` };
    if (type === 'Event') {
      deps.enqueue(fn.model.key, event ?? {}, trigger);
      return { statusCode: 202, headers: {}, body: '' };
    }
    // A synchronous caller is throttled at once when no concurrency is left (Event invocations wait in the queue).
    const record = await fn.invoke(event, trigger, { throttle: 'reject' });
    if (record.throttled === true) {
      // https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html#API_Invoke_Errors
      const reply = awsErrorResponse('rest-json', { statusCode: 429, code: 'TooManyRequestsException', message: 'Rate Exceeded.' });
      return { ...reply, body: JSON.stringify({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' }) };
    }
    if (record.outcome === 'success') {
      return { statusCode: 200, headers: { ...executed, 'content-type': 'application/json' }, body: JSON.stringify(record.result ?? null) };
    }
    return {
      statusCode: 200,
      headers: { ...executed, 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' },
      body: JSON.stringify(record.error),
    };
  };
}

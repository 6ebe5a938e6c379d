import { MessagingError } from './errors';
import type { MessagingHub, PutEventsEntry } from './MessagingHub';
import { RULE_OPERATIONS } from './eventbridge/ruleOperations';
import type { MessagingWireReply, MessagingWireRequest } from './wireTypes';

type Json = Record<string, unknown>;
const MAX_ENTRIES = 10;

/** Per-entry validation of PutEvents (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html). */
function entryError(entry: PutEventsEntry): { ErrorCode: string; ErrorMessage: string } | undefined {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (typeof entry[field] !== 'string' || entry[field] === '') {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.` };
    }
  }
  try {
    const detail = JSON.parse(entry.Detail as string) as unknown;
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) throw new Error('not an object');
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  return undefined;
}

const OPERATIONS: Record<string, (hub: MessagingHub, input: Json) => Json> = {
  PutEvents: (hub, input) => {
    const entries = Array.isArray(input['Entries']) ? (input['Entries'] as PutEventsEntry[]) : [];
    if (entries.length < 1 || entries.length > MAX_ENTRIES) {
      const bound = entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ENTRIES}`;
      throw new MessagingError('ValidationException', `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${bound}`);
    }
    for (const entry of entries) hub.bus(entry.EventBusName ?? 'default');
    let failed = 0;
    const results = entries.map((entry) => {
      const error = entryError(entry);
      if (error !== undefined) {
        failed += 1;
        return error;
      }
      return { EventId: hub.putEvent(entry) };
    });
    return { FailedEntryCount: failed, Entries: results };
  },
  ...RULE_OPERATIONS,
};

/**
 * EventBridge over AWS JSON 1.1 (`X-Amz-Target: AWSEvents.<Operation>`), as every SDK and the AWS
 * CLI speak it: PutEvents (invalid entries fail individually, `FailedEntryCount`, like AWS), rules,
 * targets and buses.
 */
export async function handleEventBridgeRequest(hub: MessagingHub, request: MessagingWireRequest): Promise<MessagingWireReply> {
  const operation = (request.headers['x-amz-target'] ?? '').replace(/^AWSEvents\./, '');
  try {
    const handler = OPERATIONS[operation];
    if (handler === undefined) throw new MessagingError('UnknownOperationException', `Operation ${operation} is not supported by the local EventBridge.`);
    const input = JSON.parse(request.body === '' ? '{}' : request.body) as Json;
    return { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(handler(hub, input)) };
  } catch (error) {
    if (!(error instanceof MessagingError)) throw error;
    return {
      statusCode: error.statusCode,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ __type: error.type, message: error.message }),
    };
  }
}

import { compileEventPattern } from '../eventPattern/compileEventPattern';
import { EventPatternError } from '../eventPattern/EventPatternError';
import { MessagingError } from '../errors';
import type { PublishedMessage, SnsMessageAttribute } from './LocalTopic';

/** Message attributes as a filter policy compares them: String as text, Number as a number, String.Array as its array. */
function attributeValues(attributes: Record<string, SnsMessageAttribute>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(attributes)) {
    const type = a.DataType.split('.')[0];
    if (a.StringValue === undefined) continue;
    if (type === 'Number') out[name] = Number(a.StringValue);
    else if (a.DataType === 'String.Array') {
      try {
        out[name] = JSON.parse(a.StringValue) as unknown;
      } catch {
        out[name] = a.StringValue;
      }
    } else out[name] = a.StringValue;
  }
  return out;
}

/**
 * Compiles an SNS FilterPolicy (https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html)
 * for its scope: `MessageAttributes` (default) matches the message attributes, `MessageBody` the
 * JSON message (a message that is not JSON matches nothing). The operators are EventBridge's
 * (exact, prefix, suffix, anything-but, numeric, exists, equals-ignore-case, `$or`).
 *
 * @throws MessagingError (InvalidParameter) for a policy that is not valid.
 */
export function compileFilterPolicy(policy: string, scope: string | undefined): (message: PublishedMessage) => boolean {
  let predicate: (event: unknown) => boolean;
  try {
    predicate = compileEventPattern(policy);
  } catch (error) {
    if (!(error instanceof EventPatternError)) throw error;
    throw new MessagingError('InvalidParameter', `Invalid parameter: FilterPolicy: ${error.message}`);
  }
  if (scope === 'MessageBody') {
    return (message) => {
      try {
        return predicate(JSON.parse(message.message) as unknown);
      } catch {
        return false;
      }
    };
  }
  return (message) => predicate(attributeValues(message.attributes));
}

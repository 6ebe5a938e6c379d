import { compileFilter } from '../mappings/filter/compileFilter';

/**
 * Compiles an sqs event's `filterPatterns` into a predicate over one record of the SQS event
 * (toSqsEvent's shape). As Lambda does, the pattern's `body` is matched against the message body
 * parsed as JSON when it is JSON, else against the body string itself
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
 *
 * @throws FilterError (type InvalidParameterValueException) for an invalid pattern.
 */
export function compileSqsFilter(patterns: Array<string | Record<string, unknown>>): (record: object) => boolean {
  const matches = compileFilter(patterns);
  return (record) => {
    const body = (record as { body?: unknown }).body;
    return matches(typeof body === 'string' ? { ...record, body: parseJson(body) } : record);
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // a plain-string body is matched as a string
  }
}

import { describe, expect, it } from 'vitest';
import { FilterError } from '../mappings/filter/FilterError';
import { compileSqsFilter } from './compileSqsFilter';

const record = (body: string) => ({ messageId: 'm-1', body, attributes: { ApproximateReceiveCount: '1' }, eventSource: 'aws:sqs' });

// https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html — filter on the `body` key;
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html — JSON bodies are matched as JSON.
describe('compileSqsFilter', () => {
  it('matches body fields of a JSON body', () => {
    const keep = compileSqsFilter([{ body: { RequestCode: ['BBBB'] } }]);
    expect(keep(record(JSON.stringify({ RecordNumber: 1234, RequestCode: 'BBBB' })))).toBe(true);
    expect(keep(record(JSON.stringify({ RecordNumber: 1234, RequestCode: 'AAAA' })))).toBe(false);
  });

  it('matches a plain-string body only with a string pattern, never with a field pattern', () => {
    expect(compileSqsFilter([{ body: ['hello'] }])(record('hello'))).toBe(true);
    expect(compileSqsFilter([{ body: { kind: ['hello'] } }])(record('hello'))).toBe(false);
  });

  it('ORs the patterns, and matches metadata fields too', () => {
    const keep = compileSqsFilter([{ body: { kind: ['a'] } }, { body: { kind: ['b'] } }]);
    expect(keep(record('{"kind":"b"}'))).toBe(true);
    expect(keep(record('{"kind":"c"}'))).toBe(false);
    expect(compileSqsFilter([{ eventSource: ['aws:sqs'] }])(record('x'))).toBe(true);
  });

  it('rejects an operator Lambda does not support, as Lambda does', () => {
    expect(() => compileSqsFilter([{ body: { kind: [{ wildcard: 'a*' }] } }])).toThrow(FilterError);
  });
});

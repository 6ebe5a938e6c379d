import { compilePattern, type RecordPredicate } from './compilePattern';
import { FilterError } from './FilterError';
import { parsePatternJson } from './parsePatternJson';

/** Lambda accepts at most 5 filters per event source mapping (quota, adjustable on AWS). */
export const MAX_FILTER_PATTERNS = 5;

/**
 * `Filter.Pattern` is a string of at most 4096 characters
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Filter.html). An object pattern is measured
 * as osls sends it: `JSON.stringify(pattern)`.
 */
export const MAX_PATTERN_LENGTH = 4096;

/**
 * Compiles Lambda event-filtering patterns (FilterCriteria.Filters[].Pattern) once into a
 * predicate. Patterns are ORed; an empty list matches everything.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
 *
 * @example
 * const keep = compileFilter([{ eventName: ['INSERT'], dynamodb: { NewImage: { status: { S: ['PAID'] } } } }]);
 * keep(record); // true for INSERTs of paid items
 * @throws FilterError (type InvalidParameterValueException) for an invalid pattern.
 */
export function compileFilter(patterns: Array<string | Record<string, unknown>>): (record: object) => boolean {
  if (!Array.isArray(patterns)) throw new FilterError('filter patterns must be an array');
  if (patterns.length > MAX_FILTER_PATTERNS) {
    throw new FilterError(`at most ${MAX_FILTER_PATTERNS} filter patterns are allowed per event source mapping, got ${patterns.length}`);
  }
  const predicates: RecordPredicate[] = patterns.map((pattern, patternIndex) => {
    try {
      const text = typeof pattern === 'string' ? pattern : (JSON.stringify(pattern) as string | undefined) ?? '';
      if (text.length > MAX_PATTERN_LENGTH) {
        throw new FilterError(`a pattern may be at most ${MAX_PATTERN_LENGTH} characters long, got ${text.length}`);
      }
      return compilePattern(typeof pattern === 'string' ? parsePatternJson(pattern) : pattern);
    } catch (error) {
      if (error instanceof FilterError) throw new FilterError(reasonOf(error), { patternIndex, ...(error.path === undefined ? {} : { path: error.path }) });
      throw error;
    }
  });
  if (predicates.length === 0) return () => true;
  return (record) => predicates.some((predicate) => predicate(record));
}

function reasonOf(error: FilterError): string {
  return error.message.replace(/^Invalid filter pattern definition( \([^)]*\))?: /, '');
}

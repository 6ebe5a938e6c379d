import type { BaseIssue } from 'valibot';

/** One failed check, independent of the schema library: the field's path (keys and array indexes) and what was wrong. */
export interface SchemaIssue {
  path: (string | number)[];
  message: string;
}

const keyOf = (item: { key: unknown }): string | number => (typeof item.key === 'number' ? item.key : String(item.key));

/**
 * Converts valibot issues to {@link SchemaIssue}s. A key a strict object does not declare becomes
 * `Unknown field` at that key; a required key that is absent becomes `Missing field`.
 */
export function schemaIssues(issues: readonly BaseIssue<unknown>[]): SchemaIssue[] {
  return issues.map((issue) => {
    const path = (issue.path ?? []).map(keyOf);
    const atKey = issue.path?.at(-1)?.origin === 'key';
    if (atKey && issue.expected === 'never') return { path, message: 'Unknown field' };
    if (atKey && issue.received === 'undefined') return { path, message: 'Missing field' };
    return { path, message: issue.message };
  });
}

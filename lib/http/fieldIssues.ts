import type { z } from 'zod';
import type { FieldIssue } from './errors';

/**
 * Flattens zod issues into `{ field, message }` with dotted paths under `location`
 * (`body.items.0.quantity`). An unknown key of a strict object becomes one issue per key.
 */
export function fieldIssues(location: string, issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((issue) => {
    const base = [location, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: `${base}.${key}`, message: 'Unknown field' }));
    }
    return [{ field: base, message: issue.message }];
  });
}

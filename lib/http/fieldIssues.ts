import type { SchemaIssue } from '../schema/schemaIssues';
import type { FieldIssue } from './errors';

/**
 * Prefixes schema issues with `location` as dotted paths (`body.items.0.quantity`); an issue at
 * the root of the part is the location itself (`body`).
 */
export function fieldIssues(location: string, issues: readonly SchemaIssue[]): FieldIssue[] {
  return issues.map((issue) => ({ field: [location, ...issue.path].join('.'), message: issue.message }));
}

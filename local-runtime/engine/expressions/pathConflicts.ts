import { describePath } from './ast';
import type { PathNode } from './ast';
import type { TokenStream } from './TokenStream';

/** How two document paths relate: independent, one contains the other (or they are equal), or they disagree on the kind of a step. */
function relation(a: PathNode, b: PathNode): 'none' | 'overlap' | 'conflict' {
  const n = Math.min(a.elements.length, b.elements.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.elements[i] as PathNode['elements'][number];
    const y = b.elements[i] as PathNode['elements'][number];
    if (x.kind !== y.kind) return 'conflict';
    if (x.kind === 'name' ? x.name !== (y as { name: string }).name : x.index !== (y as { index: number }).index) return 'none';
  }
  return 'overlap';
}

/**
 * Reject two paths of one expression that overlap (`a` and `a.b`, or `a` twice) or conflict (`a[0]` and `a.b`), with
 * AWS's messages, the paths in source order. Applies to UpdateExpression and ProjectionExpression
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html; AWS's texts
 * as recorded by ScyllaDB's alternator tests test_projection_expression.py and dynalite's test/updateItem.js).
 */
export function checkPathConflicts(stream: TokenStream, paths: readonly PathNode[]): void {
  if (paths.length < 2) return;
  // Top-level names only (the usual case): a set finds a repeated name without comparing every pair.
  if (paths.every((p) => p.elements.length === 1 && p.elements[0]?.kind === 'name')) {
    const seen = new Set<string>();
    let clash = false;
    for (const p of paths) {
      const name = (p.elements[0] as { name: string }).name;
      if (seen.has(name)) clash = true;
      seen.add(name);
    }
    if (!clash) return;
  }
  for (let j = 1; j < paths.length; j += 1) {
    for (let i = 0; i < j; i += 1) {
      const a = paths[i] as PathNode;
      const b = paths[j] as PathNode;
      const kind = relation(a, b);
      if (kind === 'none') continue;
      throw stream.error(`Two document paths ${kind} with each other; must remove or rewrite one of these paths; path one: ${describePath(a)}, path two: ${describePath(b)}`);
    }
  }
}

/** Most steps a document path may have (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters: "Maximum depth for a document path: 32"). */
export const MAX_PATH_DEPTH = 32;

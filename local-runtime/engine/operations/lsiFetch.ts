import { keyAttributes } from '../storage/keys';
import type { StoreEntry } from '../storage/ItemStore';
import type { IndexDefinition, Table } from '../storage/Table';
import type { RequestExpressions } from './requestExpressions';

/** The attribute names an index holds for each item: the table's and the index's keys, and its projected attributes. */
function projectedNames(table: Table, index: IndexDefinition): Set<string> {
  const names = new Set([...keyAttributes(table.definition.schema), ...keyAttributes(index.schema)].map((a) => a.name));
  for (const name of index.projection.NonKeyAttributes ?? []) names.add(name);
  return names;
}

/**
 * For a Query or Scan of a local secondary index that asks for attributes the index does not project
 * (`Select: ALL_ATTRIBUTES`, or a ProjectionExpression / AttributesToGet naming one), the function that fetches each
 * index entry's whole item from the table; undefined when nothing needs fetching. A global secondary index never
 * fetches: it answers with what it projects
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.Projections,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Projections).
 */
export function lsiFetchOf(table: Table, index: IndexDefinition | undefined, select: string | undefined, expressions: RequestExpressions): ((entry: StoreEntry) => StoreEntry) | undefined {
  if (!index || index.kind !== 'LSI' || index.projection.ProjectionType === 'ALL') return undefined;
  let fetches = select === 'ALL_ATTRIBUTES';
  if (!fetches && expressions.projection) {
    const names = projectedNames(table, index);
    fetches = expressions.projection.paths.some((path) => {
      const top = path.elements[0];
      return top?.kind === 'name' && !names.has(top.name);
    });
  }
  if (!fetches) return undefined;
  return (entry) => table.items.entryById(entry.id) ?? entry;
}

import { validationError } from '../errors';
import { startKeyPosition } from './startKey';
import { optionalEnum, optionalString } from './input';
import type { KeySchema } from '../storage/keys';
import type { ItemStore, StorePosition } from '../storage/ItemStore';
import type { IndexDefinition, Table } from '../storage/Table';
import type { OperationInput } from './input';
import type { WireItem } from '../values/AttributeValue';

/** What a Query or Scan reads: the table or one of its indexes. */
export interface ReadTarget {
  store: ItemStore;
  schema: KeySchema;
  keySchemas: KeySchema[];
  start: StorePosition | undefined;
  /** The ExclusiveStartKey, validated. */
  startKey?: WireItem;
  count: boolean;
  /** The index read, if any. */
  index?: IndexDefinition;
  /** The request's Select. */
  select?: string;
}

const SELECT = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'] as const;

/** Resolve IndexName, Select, ConsistentRead and ExclusiveStartKey of a Query/Scan. */
export function readTargetOf(table: Table, input: OperationInput, hasProjection: boolean, operation: 'Query' | 'Scan'): ReadTarget {
  const indexName = optionalString(input, 'IndexName');
  const found = indexName === undefined ? undefined : table.index(indexName);
  if (indexName !== undefined && !found) throw validationError(`The table does not have the specified index: ${indexName}`);
  if (found?.index.kind === 'GSI' && input.ConsistentRead === true) throw validationError('Consistent reads are not supported on global secondary indexes');
  const select = optionalEnum(input, 'Select', 'select', SELECT);
  if (select === 'SPECIFIC_ATTRIBUTES' && !hasProjection) {
    throw validationError('One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires ProjectionExpression or AttributesToGet');
  }
  if (hasProjection && select !== undefined && select !== 'SPECIFIC_ATTRIBUTES') {
    throw validationError(`Cannot specify the ProjectionExpression when choosing to get ${select}`);
  }
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !found) throw validationError('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (select === 'ALL_ATTRIBUTES' && found?.index.kind === 'GSI' && found.index.projection.ProjectionType !== 'ALL') {
    throw validationError(
      `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${found.index.name} because its projection type is not ALL`,
    );
  }
  const store = found ? found.store : table.items;
  const keySchemas = found ? [table.definition.schema, found.index.schema] : [table.definition.schema];
  let start: StorePosition | undefined;
  let startKey: WireItem | undefined;
  if (input.ExclusiveStartKey !== undefined && input.ExclusiveStartKey !== null) {
    const checked = startKeyPosition(input.ExclusiveStartKey, { store, tableSchema: table.definition.schema, indexSchema: found?.index.schema }, operation);
    start = checked.position;
    startKey = checked.key;
  }
  return { store, schema: store.schema, keySchemas, start, ...(startKey ? { startKey } : {}), count: select === 'COUNT', ...(found ? { index: found.index } : {}), ...(select ? { select } : {}) };
}

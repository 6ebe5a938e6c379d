import { ItemStore } from './ItemStore';
import { itemSize } from '../values/itemSize';
import { keyAttributes } from './keys';
import type { WireItem } from '../values/AttributeValue';
import type { KeySchema } from './keys';
import type { StreamViewType } from '../streams/types';

/** A GSI or LSI as created. */
export interface IndexDefinition {
  name: string;
  kind: 'GSI' | 'LSI';
  schema: KeySchema;
  projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
  /** Wire KeySchema as given (echoed by DescribeTable). */
  keySchemaWire: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  provisionedThroughput?: Record<string, unknown>;
  arn: string;
}

/** Everything CreateTable fixes about a table, plus settings later calls change. */
export interface TableDefinition {
  name: string;
  arn: string;
  id: string;
  createdAtMs: number;
  schema: KeySchema;
  keySchemaWire: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  attributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  indexes: IndexDefinition[];
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  provisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  stream?: { viewType: StreamViewType; arn: string; label: string };
  sseEnabled: boolean;
  sseSpecification?: Record<string, unknown>;
  tags: { Key: string; Value: string }[];
  tableClass: string;
  deletionProtectionEnabled: boolean;
  timeToLive?: { AttributeName: string; Enabled: boolean };
}

/** A table: its definition, its items, and one store per secondary index kept in step with every write. */
export class Table {
  readonly items: ItemStore;
  readonly #indexStores = new Map<string, { index: IndexDefinition; store: ItemStore }>();
  #writes = 0;

  constructor(readonly definition: TableDefinition) {
    this.items = new ItemStore(definition.schema, definition.schema);
    for (const index of definition.indexes) this.#indexStores.set(index.name, { index, store: new ItemStore(index.schema, definition.schema) });
  }

  get name(): string {
    return this.definition.name;
  }

  /** Count of puts and deletes so far: lets a reader tell whether anything changed since it last looked. */
  get writes(): number {
    return this.#writes;
  }

  /** The store and definition of a secondary index, or undefined. */
  index(name: string): { index: IndexDefinition; store: ItemStore } | undefined {
    return this.#indexStores.get(name);
  }

  get(key: WireItem): WireItem | undefined {
    return this.items.get(key);
  }

  /** Store `item` (replacing the item with the same key); returns the previous item. */
  put(item: WireItem): WireItem | undefined {
    const old = this.items.put(item);
    if (old) this.#unindex(old);
    this.#writes += 1;
    for (const { index, store } of this.#indexStores.values()) store.put(this.#projectForIndex(item, index));
    return old;
  }

  /** Delete the item with this key; returns it. */
  delete(key: WireItem): WireItem | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.#writes += 1;
    this.#unindex(old);
    this.items.remove(old);
    return old;
  }

  /** Sum of item sizes (TableSizeBytes). */
  sizeBytes(): number {
    let total = 0;
    for (const entry of this.items.scan()) total += itemSize(entry.item);
    return total;
  }

  #unindex(item: WireItem): void {
    for (const { store } of this.#indexStores.values()) store.remove(item);
  }

  #projectForIndex(item: WireItem, index: IndexDefinition): WireItem {
    if (index.projection.ProjectionType === 'ALL') return item;
    const keep = new Set([...keyAttributes(this.definition.schema), ...keyAttributes(index.schema)].map((a) => a.name));
    for (const name of index.projection.NonKeyAttributes ?? []) keep.add(name);
    return Object.fromEntries(Object.entries(item).filter(([name]) => keep.has(name)));
  }
}

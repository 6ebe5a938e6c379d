import { ItemStore } from './ItemStore';
import { itemSize } from '../values/itemSize';
import { getAttribute } from '../values/attributeAccess';
import { extractKey, keyAttributes, keyValueText } from './keys';
import type { WireAttributeValue, WireItem } from '../values/AttributeValue';
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
  /** Bytes per item collection (partition key value), kept only when the table has an LSI: only those have collections. */
  readonly #collections: Map<string, number> | undefined;
  readonly #lsis: IndexDefinition[];

  constructor(readonly definition: TableDefinition) {
    this.items = new ItemStore(definition.schema, definition.schema);
    for (const index of definition.indexes) this.#indexStores.set(index.name, { index, store: new ItemStore(index.schema, definition.schema) });
    this.#lsis = definition.indexes.filter((index) => index.kind === 'LSI');
    this.#collections = this.#lsis.length > 0 ? new Map() : undefined;
  }

  /** Whether the table has item collections (it has at least one local secondary index). */
  get hasItemCollections(): boolean {
    return this.#collections !== undefined;
  }

  /** Current size of the item collection of a partition key value: its items plus their LSI entries. */
  collectionBytes(hashValue: WireAttributeValue): number {
    return this.#collections?.get(keyValueText(hashValue)) ?? 0;
  }

  /** What `item` adds to its item collection: its size plus the size of each LSI entry it has. */
  collectionShare(item: WireItem | undefined): number {
    if (!item || !this.#collections) return 0;
    let bytes = itemSize(item);
    for (const lsi of this.#lsis) if (extractKey(item, lsi.schema)) bytes += itemSize(this.#projectForIndex(item, lsi));
    return bytes;
  }

  #account(old: WireItem | undefined, next: WireItem | undefined): void {
    if (!this.#collections) return;
    const item = (next ?? old) as WireItem;
    const id = keyValueText(getAttribute(item, this.definition.schema.hash.name));
    const bytes = (this.#collections.get(id) ?? 0) - this.collectionShare(old) + this.collectionShare(next);
    if (bytes > 0) this.#collections.set(id, bytes);
    else this.#collections.delete(id);
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

  /** The item whose table key id (see keyId) is `id`. */
  getById(id: string): WireItem | undefined {
    return this.items.getById(id);
  }

  /** Store `item` (replacing the item with the same key); returns the previous item. */
  put(item: WireItem, id?: string): WireItem | undefined {
    const old = this.items.put(item, id);
    this.#account(old, item);
    this.#writes += 1;
    // Most tables have no secondary index: their writes skip the index bookkeeping (and its iterators).
    if (this.#indexStores.size === 0) return old;
    if (old) this.#unindex(old);
    for (const { index, store } of this.#indexStores.values()) store.put(this.#projectForIndex(item, index), id);
    return old;
  }

  /** Delete the item with this key; returns it. */
  delete(key: WireItem, id?: string): WireItem | undefined {
    const old = id === undefined ? this.items.get(key) : this.items.getById(id);
    if (!old) return undefined;
    this.#writes += 1;
    this.#unindex(old);
    this.items.remove(old);
    this.#account(old, undefined);
    return old;
  }

  /** Sum of item sizes (TableSizeBytes). */
  sizeBytes(): number {
    let total = 0;
    for (const entry of this.items.scan()) total += entry.size ??= itemSize(entry.item);
    return total;
  }

  #unindex(item: WireItem): void {
    if (this.#indexStores.size === 0) return;
    for (const { store } of this.#indexStores.values()) store.remove(item);
  }

  #projectForIndex(item: WireItem, index: IndexDefinition): WireItem {
    if (index.projection.ProjectionType === 'ALL') return item;
    const keep = new Set([...keyAttributes(this.definition.schema), ...keyAttributes(index.schema)].map((a) => a.name));
    for (const name of index.projection.NonKeyAttributes ?? []) keep.add(name);
    return Object.fromEntries(Object.entries(item).filter(([name]) => keep.has(name)));
  }
}

import { createTable } from './createTable';
import { deleteItem, getItem, putItem, updateItem } from './itemOperations';
import { query, scan } from './queryScan';
import { deleteTable, describeTable, describeTimeToLive, listTables, updateTimeToLive } from './tableOperations';
import type { Engine } from '../Engine';
import type { OperationInput } from './input';

/** One DynamoDB API operation: synchronous, so each runs atomically. */
export type Operation = (engine: Engine, input: OperationInput) => Record<string, unknown>;

/** The operations the engine implements, by DynamoDB API name. */
export const OPERATIONS: Record<string, Operation> = {
  CreateTable: createTable,
  DescribeTable: describeTable,
  DeleteTable: deleteTable,
  ListTables: listTables,
  UpdateTimeToLive: updateTimeToLive,
  DescribeTimeToLive: describeTimeToLive,
  PutItem: putItem,
  GetItem: getItem,
  DeleteItem: deleteItem,
  UpdateItem: updateItem,
  Query: query,
  Scan: scan,
};

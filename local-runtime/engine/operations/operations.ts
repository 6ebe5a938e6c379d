import { createTable } from './createTable';
import { deleteItem, getItem, putItem, updateItem } from './itemOperations';
import { query, scan } from './queryScan';
import { batchGetItem } from './batchGetItem';
import { batchWriteItem } from './batchWriteItem';
import { transactGetItems } from './transactGetItems';
import { transactWriteItems } from './transactWriteItems';
import { updateTable } from './updateTable';
import { deleteTable, describeTable, listTables } from './tableOperations';
import { describeTimeToLive, updateTimeToLive } from './timeToLiveOperations';
import { listTagsOfResource, tagResource, untagResource } from './tagOperations';
import { describeEndpoints, describeLimits } from './accountOperations';
import { batchExecuteStatement, executeStatement, executeTransaction } from '../partiql/partiqlOperations';
import type { Engine } from '../Engine';
import type { OperationInput } from './input';

/**
 * One DynamoDB API operation: synchronous, so each runs atomically. `requestJson` is the request's JSON text
 * when the wire has it (only TransactWriteItems looks at it, to fingerprint a ClientRequestToken).
 */
export type Operation = (engine: Engine, input: OperationInput, requestJson?: string) => Record<string, unknown>;

/** The operations the engine implements, by DynamoDB API name. */
export const OPERATIONS: Record<string, Operation> = {
  CreateTable: createTable,
  DescribeTable: describeTable,
  UpdateTable: updateTable,
  DeleteTable: deleteTable,
  ListTables: listTables,
  UpdateTimeToLive: updateTimeToLive,
  DescribeTimeToLive: describeTimeToLive,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsOfResource: listTagsOfResource,
  DescribeEndpoints: describeEndpoints,
  DescribeLimits: describeLimits,
  PutItem: putItem,
  GetItem: getItem,
  DeleteItem: deleteItem,
  UpdateItem: updateItem,
  Query: query,
  Scan: scan,
  BatchGetItem: batchGetItem,
  BatchWriteItem: batchWriteItem,
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
  ExecuteStatement: executeStatement,
  BatchExecuteStatement: batchExecuteStatement,
  ExecuteTransaction: executeTransaction,
};

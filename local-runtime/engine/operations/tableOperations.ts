import { validationError } from '../errors';
import { deletedTableDescription } from './deletedTableDescription';
import { describeTableOf } from './describeTableOf';
import { optionalInteger, optionalString, tableNameOf } from './input';
import type { Engine } from '../Engine';
import type { OperationInput } from './input';

/** DescribeTable. */
export function describeTable(engine: Engine, input: OperationInput): Record<string, unknown> {
  return { Table: describeTableOf(engine.controlTable(tableNameOf(input))) };
}

/** DeleteTable: refused while deletion protection is on; the stream stays readable (24 h on AWS). */
export function deleteTable(engine: Engine, input: OperationInput): Record<string, unknown> {
  const table = engine.controlTable(tableNameOf(input));
  if (table.definition.deletionProtectionEnabled) {
    throw validationError('Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.');
  }
  const description = deletedTableDescription(table);
  if (table.definition.stream) engine.streamLog.disableStream(table.definition.stream.arn);
  engine.tables.delete(table.name);
  return { TableDescription: description };
}

/** ListTables: names in order, paged by ExclusiveStartTableName/Limit (1–100). */
export function listTables(engine: Engine, input: OperationInput): Record<string, unknown> {
  const limit = optionalInteger(input, 'Limit', 'limit', 1, 100) ?? 100;
  const start = optionalString(input, 'ExclusiveStartTableName');
  if (start !== undefined) tableNameOf({ TableName: start }, 'exclusiveStartTableName');
  const names = engine.tableNames().filter((n) => start === undefined || n > start);
  const page = names.slice(0, limit);
  return { TableNames: page, ...(names.length > limit ? { LastEvaluatedTableName: page[page.length - 1] } : {}) };
}

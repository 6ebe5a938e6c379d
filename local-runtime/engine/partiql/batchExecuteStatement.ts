import { DynamoDbError, validationError } from '../errors';
import { PARTIQL_MESSAGES } from './partiqlErrors';
import { mergeCapacity } from './mergeCapacity';
import { parsedStatement, planStatement } from './planStatement';
import { planOptionsOf, runPlanned } from './executeStatement';
import { parametersOf, statementListOf, statementOf } from './statementInput';
import type { Engine } from '../Engine';
import type { OperationInput } from '../operations/input';
import type { PlannedRequest } from './planStatement';

/** At most 25 statements per batch (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html). */
const MAX_BATCH = 25;

/** Error codes of BatchStatementError by exception (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchStatementError.html). */
const CODES: Record<string, string> = {
  ConditionalCheckFailedException: 'ConditionalCheckFailed',
  ItemCollectionSizeLimitExceededException: 'ItemCollectionSizeLimitExceeded',
  RequestLimitExceeded: 'RequestLimitExceeded',
  ValidationException: 'ValidationError',
  ProvisionedThroughputExceededException: 'ProvisionedThroughputExceeded',
  TransactionConflictException: 'TransactionConflict',
  ThrottlingException: 'ThrottlingError',
  ResourceNotFoundException: 'ResourceNotFound',
  AccessDeniedException: 'AccessDenied',
  DuplicateItemException: 'DuplicateItem',
};

function errorEntry(error: DynamoDbError): Record<string, unknown> {
  const entry: Record<string, unknown> = { Code: CODES[error.type] ?? 'InternalServerError', Message: error.message };
  if (error.extra.Item) entry.Item = error.extra.Item;
  return entry;
}

/** Whether a statement text is a SELECT (an unparsable one counts as neither: it fails on its own). */
function isRead(source: string): boolean | undefined {
  try {
    return parsedStatement(source).statement.type === 'select';
  } catch {
    return undefined;
  }
}

/**
 * BatchExecuteStatement: up to 25 statements, all reads (by full key) or all writes, each run on its own; a statement
 * that fails gets an `Error` in its place in `Responses` and the others still run.
 */
export function batchExecuteStatement(engine: Engine, input: OperationInput): Record<string, unknown> {
  const entries = statementListOf(input, 'Statements', 'statements', MAX_BATCH);
  const kinds = new Set(entries.map((entry) => (typeof entry.Statement === 'string' ? isRead(entry.Statement) : undefined)));
  if (kinds.has(true) && kinds.has(false)) throw validationError('BatchExecuteStatement API does not support both read and write operations in the same request.');
  const capacity: Record<string, unknown>[] = [];
  const responses = entries.map((entry, i) => {
    let tableName: string | undefined;
    try {
      const statement = statementOf(entry, `statements.${i + 1}.member.statement`);
      const options = planOptionsOf({ ...entry, ReturnConsumedCapacity: input.ReturnConsumedCapacity }, parametersOf(entry));
      const planned: PlannedRequest = planStatement(engine, statement, options);
      tableName = planned.input.TableName as string;
      if (planned.read && planned.operation !== 'GetItem') throw validationError(PARTIQL_MESSAGES.incompleteKey);
      if (planned.operation === 'ConditionCheck') throw validationError(PARTIQL_MESSAGES.existsOutsideTransaction);
      const out = runPlanned(engine, planned, statement);
      if (out.ConsumedCapacity) capacity.push(out.ConsumedCapacity as Record<string, unknown>);
      const response: Record<string, unknown> = { TableName: tableName };
      const item = planned.read ? (out.Items as unknown[])[0] : undefined;
      if (item) response.Item = item;
      return response;
    } catch (error) {
      if (!(error instanceof DynamoDbError)) throw error;
      return { ...(tableName ? { TableName: tableName } : {}), Error: errorEntry(error) };
    }
  });
  const out: Record<string, unknown> = { Responses: responses };
  if (capacity.length > 0) out.ConsumedCapacity = mergeCapacity(capacity);
  return out;
}

import { DynamoDbError, validationError } from '../errors';
import { transactGetItems } from '../operations/transactGetItems';
import { transactWriteItems } from '../operations/transactWriteItems';
import { transactionCanceled } from '../operations/transactionCanceled';
import { PARTIQL_MESSAGES } from './partiqlErrors';
import { planStatement } from './planStatement';
import { parametersOf, statementListOf, statementOf } from './statementInput';
import type { Engine } from '../Engine';
import type { OperationInput } from '../operations/input';
import type { CancellationReason } from '../operations/transactionCanceled';
import type { PlannedRequest } from './planStatement';

/** At most 100 statements per transaction (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.multiplestatements.transactions.html). */
const MAX_TRANSACTION = 100;

const WRITE_ACTIONS: Record<string, string> = { PutItem: 'Put', UpdateItem: 'Update', DeleteItem: 'Delete', ConditionCheck: 'ConditionCheck' };

function readsOf(planned: PlannedRequest[]): Record<string, unknown>[] {
  return planned.map((p) => {
    if (p.input.IndexName !== undefined) throw validationError(PARTIQL_MESSAGES.transactionIndex);
    if (p.operation !== 'GetItem') throw validationError(PARTIQL_MESSAGES.transactionReadKey);
    const { ConsistentRead: _consistent, ...get } = p.input;
    return { Get: get };
  });
}

/** A cancelled transaction with DuplicateItem as the reason of each INSERT whose key exists. */
function withDuplicates(error: DynamoDbError, planned: PlannedRequest[]): DynamoDbError {
  const reasons = error.extra.CancellationReasons as CancellationReason[] | undefined;
  if (!reasons || !reasons.some((reason, i) => reason.Code === 'ConditionalCheckFailed' && planned[i]?.insert)) return error;
  return transactionCanceled(reasons.map((reason, i) => (reason.Code === 'ConditionalCheckFailed' && planned[i]?.insert ? { Code: 'DuplicateItem', Message: PARTIQL_MESSAGES.duplicateItem } : reason)));
}

/**
 * ExecuteTransaction: up to 100 statements, all reads (SELECT by full key, run as TransactGetItems) or all writes
 * (INSERT/UPDATE/DELETE/EXISTS, run as TransactWriteItems: all or nothing, cancellation reasons in statement order,
 * ClientRequestToken idempotency) (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteTransaction.html).
 */
export function executeTransaction(engine: Engine, input: OperationInput): Record<string, unknown> {
  const entries = statementListOf(input, 'TransactStatements', 'transactStatements', MAX_TRANSACTION);
  const planned = entries.map((entry, i) => {
    const statement = statementOf(entry, `transactStatements.${i + 1}.member.statement`);
    const options = { parameters: parametersOf(entry), ...(entry.ReturnValuesOnConditionCheckFailure !== undefined ? { returnValuesOnConditionCheckFailure: entry.ReturnValuesOnConditionCheckFailure } : {}) };
    const request = planStatement(engine, statement, options);
    if (request.input.ReturnValues !== undefined) throw validationError('Unsupported operation in transaction.');
    return request;
  });
  const reads = planned.filter((p) => p.read).length;
  if (reads > 0 && reads < planned.length) throw validationError(PARTIQL_MESSAGES.transactionMixed);
  const shared: Record<string, unknown> = {};
  if (input.ReturnConsumedCapacity !== undefined) shared.ReturnConsumedCapacity = input.ReturnConsumedCapacity;
  if (reads > 0) return transactGetItems(engine, { TransactItems: readsOf(planned), ...shared });
  if (input.ClientRequestToken !== undefined) shared.ClientRequestToken = input.ClientRequestToken;
  const items = planned.map((p) => ({ [WRITE_ACTIONS[p.operation] as string]: p.input }));
  try {
    return transactWriteItems(engine, { TransactItems: items, ...shared });
  } catch (error) {
    if (error instanceof DynamoDbError && error.type === 'TransactionCanceledException') throw withDuplicates(error, planned);
    throw error;
  }
}

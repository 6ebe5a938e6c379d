import { constraintError, validationError } from '../errors';
import { checkTransactShapes } from './transactShapes';
import type { OperationInput } from './input';

/** At most 100 items per transaction (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html). */
const MAX_TRANSACT_ITEMS = 100;

/** The `TransactItems` list, 1–100 entries, each an object naming exactly one of `actions`. */
export function transactItemsOf<A extends string>(input: OperationInput, actions: readonly A[]): { action: A; request: OperationInput }[] {
  const list = input.TransactItems;
  checkTransactShapes(list, actions.includes('Get' as A) ? 'TransactGetItem' : 'TransactWriteItem');
  if (list === undefined || list === null) throw constraintError(null, 'transactItems', 'Member must not be null');
  if (!Array.isArray(list)) throw validationError('Invalid transactItems: expected a list');
  if (list.length < 1) throw constraintError('[]', 'transactItems', 'Member must have length greater than or equal to 1');
  if (list.length > MAX_TRANSACT_ITEMS) throw constraintError(`[${list.length} items]`, 'transactItems', `Member must have length less than or equal to ${MAX_TRANSACT_ITEMS}`);
  return list.map((entry: unknown, i) => {
    const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    let action: A | undefined;
    let present = 0;
    for (const a of actions) {
      if (record[a] === undefined || record[a] === null) continue;
      action = a;
      present += 1;
    }
    if (present !== 1 || action === undefined) {
      if (actions.length === 1) throw constraintError(null, `transactItems.${i + 1}.member.${actions[0]?.toLowerCase()}`, 'Member must not be null');
      throw validationError('TransactItems can only contain one of Check, Put, Update or Delete');
    }
    return { action, request: record[action] as OperationInput };
  });
}

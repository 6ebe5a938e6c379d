import { constraintError, validationError } from '../errors';
import type { OperationInput } from '../operations/input';

/** A statement is 1–8192 characters (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html). */
const MAX_STATEMENT = 8192;

/** `Statement` of a request (`member` is AWS's member path for messages). */
export function statementOf(input: OperationInput, member = 'statement'): string {
  const statement = input.Statement;
  if (statement === undefined || statement === null) throw constraintError(null, member, 'Member must not be null');
  if (typeof statement !== 'string') throw validationError(`Invalid ${member}: expected a string`);
  if (statement.length < 1) throw constraintError(statement, member, 'Member must have length greater than or equal to 1');
  if (statement.length > MAX_STATEMENT) throw constraintError(statement, member, `Member must have length less than or equal to ${MAX_STATEMENT}`);
  return statement;
}

/** `Parameters`: a non-empty list of AttributeValues when given. */
export function parametersOf(input: OperationInput, member = 'parameters'): readonly unknown[] {
  const parameters = input.Parameters;
  if (parameters === undefined || parameters === null) return [];
  if (!Array.isArray(parameters)) throw validationError(`Invalid ${member}: expected a list`);
  if (parameters.length < 1) throw constraintError('[]', member, 'Member must have length greater than or equal to 1');
  return parameters;
}

/** The list member `key` (e.g. `Statements`) of 1–`max` entries, each an object. */
export function statementListOf(input: OperationInput, key: string, member: string, max: number): OperationInput[] {
  const list = input[key];
  if (list === undefined || list === null) throw constraintError(null, member, 'Member must not be null');
  if (!Array.isArray(list)) throw validationError(`Invalid ${member}: expected a list`);
  if (list.length < 1) throw constraintError('[]', member, 'Member must have length greater than or equal to 1');
  if (list.length > max) throw constraintError(`[${list.length} statements]`, member, `Member must have length less than or equal to ${max}`);
  return list.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw constraintError(null, `${member}.${i + 1}.member`, 'Member must not be null');
    return entry as OperationInput;
  });
}

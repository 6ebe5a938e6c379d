import { DynamoDbError, constraintError, validationError } from '../errors';
import { deleteItem, getItem, putItem, updateItem } from '../operations/itemOperations';
import { optionalInteger, optionalString } from '../operations/input';
import { query, scan } from '../operations/queryScan';
import { nextTokenOf, startKeyOf } from './nextToken';
import { PARTIQL_MESSAGES, duplicateItem } from './partiqlErrors';
import { planStatement } from './planStatement';
import { parametersOf, statementOf } from './statementInput';
import type { Engine } from '../Engine';
import type { OperationInput } from '../operations/input';
import type { WireItem } from '../values/AttributeValue';
import type { PlanOptions, PlannedRequest } from './planStatement';

/** Run a planned request through the operation it stands for; the answer in ExecuteStatement's shape. */
export function runPlanned(engine: Engine, planned: PlannedRequest, statement: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let result: Record<string, unknown>;
  switch (planned.operation) {
    case 'GetItem':
      result = getItem(engine, planned.input);
      out.Items = result.Item ? [result.Item] : [];
      break;
    case 'Query':
    case 'Scan': {
      // PartiQL on AWS takes `SK > a AND SK < b`: the bound the key condition cannot hold is filtered, which the Query API itself refuses.
      result = planned.operation === 'Query' ? query(engine, planned.input, undefined, { filterMayReadKeys: true }) : scan(engine, planned.input);
      out.Items = result.Items;
      const last = result.LastEvaluatedKey as WireItem | undefined;
      if (last) {
        out.NextToken = nextTokenOf(statement, last);
        out.LastEvaluatedKey = last;
      }
      break;
    }
    case 'PutItem':
      try {
        result = putItem(engine, planned.input);
      } catch (error) {
        if (error instanceof DynamoDbError && error.type === 'ConditionalCheckFailedException') throw duplicateItem();
        throw error;
      }
      out.Items = [];
      break;
    case 'UpdateItem':
    case 'DeleteItem':
      result = (planned.operation === 'UpdateItem' ? updateItem : deleteItem)(engine, planned.input);
      out.Items = result.Attributes ? [result.Attributes] : [];
      break;
    case 'ConditionCheck':
      throw validationError(PARTIQL_MESSAGES.existsOutsideTransaction);
  }
  if (result.ConsumedCapacity) out.ConsumedCapacity = result.ConsumedCapacity;
  return out;
}

/** The request members of ExecuteStatement (and of a batch entry) that shape the plan. */
export function planOptionsOf(input: OperationInput, parameters: readonly unknown[]): PlanOptions {
  const options: PlanOptions = { parameters };
  if (input.ConsistentRead !== undefined && input.ConsistentRead !== null) {
    if (typeof input.ConsistentRead !== 'boolean') throw validationError('Invalid consistentRead: expected a boolean');
    options.consistentRead = input.ConsistentRead;
  }
  if (input.ReturnConsumedCapacity !== undefined) options.returnConsumedCapacity = input.ReturnConsumedCapacity;
  if (input.ReturnValuesOnConditionCheckFailure !== undefined) options.returnValuesOnConditionCheckFailure = input.ReturnValuesOnConditionCheckFailure;
  return options;
}

/**
 * ExecuteStatement: one PartiQL statement, run as the GetItem/Query/Scan/PutItem/UpdateItem/DeleteItem request it
 * stands for, so reads page, and writes condition, stream, expire and consume capacity exactly as those do
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html).
 */
export function executeStatement(engine: Engine, input: OperationInput): Record<string, unknown> {
  const statement = statementOf(input);
  const options = planOptionsOf(input, parametersOf(input));
  const limit = optionalInteger(input, 'Limit', 'limit', 1);
  if (limit !== undefined) options.limit = limit;
  const token = optionalString(input, 'NextToken');
  if (token !== undefined) {
    if (token.length < 1) throw constraintError(token, 'nextToken', 'Member must have length greater than or equal to 1');
    options.exclusiveStartKey = startKeyOf(statement, token);
  }
  return runPlanned(engine, planStatement(engine, statement, options), statement);
}

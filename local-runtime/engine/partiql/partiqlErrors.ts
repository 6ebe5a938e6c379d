import { DynamoDbError, validationError } from '../errors';

/**
 * PartiQL's error texts. AWS's service does not publish them; these are the texts DynamoDB Local (AWS's own
 * implementation, whose message table is public) answers with, and the ones the AWS docs show
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html).
 */
export const PARTIQL_MESSAGES = {
  incompleteKey: 'Where clause does not contain a mandatory equality on all key attributes',
  parameterCount: "Number of parameters in request and statement don't match.",
  starAndOthers: "Other attributes should not be present in the projection when '*' is used.",
  missingCompared: 'MISSING must be compared using IS operator',
  invalidIn: 'IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq with at least one member',
  returningInsert: 'RETURNING is not supported in INSERT',
  existsOutsideTransaction: 'EXISTS can only be used in ExecuteTransaction write requests.',
  existsNeedsKey: 'EXISTS() must contain a single item read with additional condition',
  transactionReadKey: 'Select statements within ExecuteTransaction must specify the primary key in the where clause.',
  transactionIndex: 'Reads on indices are not supported within transactions.',
  transactionMixed: 'ExecuteTransaction API does not support both read and write operations in the same request.',
  orderByWithoutWhere: 'Must have WHERE clause in the statement when using ORDER BY clause.',
  orderByWithoutHash: 'Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.',
  consistentReadOnGsi: 'Strongly consistent read is not supported on Global Secondary Indexes',
  notOnIndex: 'This operation is not supported on an index',
  emptyBag: 'Empty bags are not supported',
  bagType: 'Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags',
  emptyPathComponent: 'Path component cannot be an empty string',
  pathStartsWithIndex: 'A path cannot start with a list index',
  invalidNextToken: 'Invalid NextToken',
  nextTokenMismatch: 'NextToken does not match request',
  insertFormat: 'Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.',
  duplicateItem: 'Duplicate primary key exists in table',
  whereNotBoolean: 'WHERE clause must contain an expression that resolves to a boolean',
  isInUpdate: 'IS operator is not supported in update expressions',
  tooDeep: 'Statement nests too deeply',
} as const;

/** `ValidationException: Statement wasn't well formed, can't be processed: <detail>` (a syntax error). */
export function malformed(detail: string): DynamoDbError {
  return validationError(`Statement wasn't well formed, can't be processed: ${detail}`);
}

/** `DuplicateItemException`: an INSERT of a key that exists (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.insert.html). */
export function duplicateItem(): DynamoDbError {
  return new DynamoDbError('DuplicateItemException', PARTIQL_MESSAGES.duplicateItem);
}

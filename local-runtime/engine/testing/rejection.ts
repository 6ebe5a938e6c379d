import type { DynamoDbError } from '../errors';

/** Test helper: the error `promise` rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<DynamoDbError> {
  try {
    await promise;
  } catch (error) {
    return error as DynamoDbError;
  }
  throw new Error('expected a rejection');
}

import { DynamoDbError } from '../errors';

/** One entry of CancellationReasons. */
export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Record<string, unknown>;
}

/**
 * `TransactionCanceledException` with one reason per request item, in request order (`{Code: 'None'}` for items that
 * did not fail), and AWS's message listing the codes
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#API_TransactWriteItems_Errors).
 */
export function transactionCanceled(reasons: CancellationReason[]): DynamoDbError {
  const codes = reasons.map((r) => r.Code).join(', ');
  return new DynamoDbError('TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`, 400, {
    CancellationReasons: reasons,
  });
}

import { DynamoDbError } from '../errors';

/**
 * AWS's throttling messages (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#API_TransactWriteItems_Errors
 * lists them with their cancellation codes; single requests carry the same texts).
 */
export const THROTTLE_MESSAGES = {
  table: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  gsi: 'The level of configured provisioned throughput for one or more global secondary indexes of the table was exceeded. Consider increasing your provisioning level for the under-provisioned global secondary indexes with the UpdateTable API.',
  onDemand:
    'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions persist, check if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html.',
  onDemandGsi: 'Throughput exceeds the current capacity for one or more global secondary indexes. DynamoDB is automatically scaling your index so please try again shortly.',
} as const;

/**
 * One ThrottlingReason: `reason` is ResourceType + OperationType + LimitType, e.g. `TableWriteProvisionedThroughputExceeded`,
 * `resource` the table's or index's ARN (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ThrottlingReason.html).
 */
export interface ThrottlingReason {
  reason: string;
  resource: string;
}

/** What stopped a request: its reasons and whether the table is provisioned (PTEE) or on-demand (ThrottlingException). */
export interface Throttle {
  reasons: ThrottlingReason[];
  provisioned: boolean;
  /** A global secondary index ran out (AWS then words its message for the indexes). */
  onIndex: boolean;
}

/** The message AWS gives for `throttle`. */
export function throttleMessage(throttle: Throttle): string {
  if (throttle.provisioned) return throttle.onIndex ? THROTTLE_MESSAGES.gsi : THROTTLE_MESSAGES.table;
  return throttle.onIndex ? THROTTLE_MESSAGES.onDemandGsi : THROTTLE_MESSAGES.onDemand;
}

/**
 * The error of a throttled request: ProvisionedThroughputExceededException on a provisioned table, ThrottlingException
 * on an on-demand one, with ThrottlingReasons (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/throttling-diagnosing-workflow.html).
 */
export function throttleError(throttle: Throttle): DynamoDbError {
  const type = throttle.provisioned ? 'ProvisionedThroughputExceededException' : 'ThrottlingException';
  return new DynamoDbError(type, throttleMessage(throttle), 400, { ThrottlingReasons: throttle.reasons });
}

/** The CancellationReasons code of a throttled transaction item: `ProvisionedThroughputExceeded` or `ThrottlingError`. */
export function cancellationCode(throttle: Throttle): string {
  return throttle.provisioned ? 'ProvisionedThroughputExceeded' : 'ThrottlingError';
}

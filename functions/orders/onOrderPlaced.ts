import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../../lib/observability/logger';
import { acceptOrder } from './acceptOrder';
import { orderRepository } from './orderRepository';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** Decodes the inserted order from the record's NewImage and accepts it. */
async function acceptInsertedOrder(record: DynamoDBRecord): Promise<void> {
  const orders = orderRepository();
  const order = orders.decode(record.dynamodb?.NewImage);
  const outcome = await acceptOrder(orders, order);
  logger.info('Order processed', { orderId: order.id, outcome, sequenceNumber: record.dynamodb?.SequenceNumber });
}

/**
 * Stream consumer for inserted orders (the mapping filters to INSERTs of entityType Order and
 * enables ReportBatchItemFailures): failed records are reported by sequence number.
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> =>
  processPartialResponse(event, acceptInsertedOrder, processor, { context });

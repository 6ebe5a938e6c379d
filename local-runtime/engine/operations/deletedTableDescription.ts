import { describeTableOf } from './describeTableOf';
import type { Table } from '../storage/Table';

/**
 * Members of the TableDescription that DeleteTable returns, in AWS's order: DynamoDB answers with a short description
 * (status DELETING, no key schema, attribute definitions, indexes, creation time or warm throughput), as LocalStack's
 * snapshot recorded against AWS shows (tests/aws/services/dynamodb/test_dynamodb.snapshot.json, `delete-table`) and
 * dynalite's test/deleteTable.js checks for indexes. BillingModeSummary is kept for on-demand tables.
 */
const KEPT = ['TableName', 'TableStatus', 'ProvisionedThroughput', 'TableSizeBytes', 'ItemCount', 'TableArn', 'TableId', 'BillingModeSummary', 'DeletionProtectionEnabled'] as const;

/** DeleteTable's TableDescription (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html). */
export function deletedTableDescription(table: Table): Record<string, unknown> {
  const full = describeTableOf(table, 'DELETING');
  const out: Record<string, unknown> = {};
  for (const member of KEPT) {
    if (member === 'BillingModeSummary' && table.definition.billingMode !== 'PAY_PER_REQUEST') continue;
    if (full[member] !== undefined) out[member] = full[member];
  }
  return out;
}

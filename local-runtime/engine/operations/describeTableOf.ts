import { itemSize } from '../values/itemSize';
import type { Table } from '../storage/Table';

function throughput(value: { ReadCapacityUnits: number; WriteCapacityUnits: number } | Record<string, unknown> | undefined): Record<string, unknown> {
  return { NumberOfDecreasesToday: 0, ReadCapacityUnits: value?.ReadCapacityUnits ?? 0, WriteCapacityUnits: value?.WriteCapacityUnits ?? 0 };
}

/**
 * Warm throughput: new tables and GSIs start at 12,000 read and 4,000 write units per second, or their provisioned
 * capacity when higher (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput.html).
 */
function warmThroughput(provisioned: Record<string, unknown> | undefined, status: string): Record<string, unknown> {
  const units = (key: string, floor: number): number => Math.max(floor, typeof provisioned?.[key] === 'number' ? (provisioned[key] as number) : 0);
  return { ReadUnitsPerSecond: units('ReadCapacityUnits', 12000), WriteUnitsPerSecond: units('WriteCapacityUnits', 4000), Status: status };
}

/**
 * The TableDescription DynamoDB returns for a table
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html).
 */
export function describeTableOf(table: Table, status: 'ACTIVE' | 'DELETING' = 'ACTIVE'): Record<string, unknown> {
  const d = table.definition;
  const indexes = (kind: 'GSI' | 'LSI') =>
    d.indexes
      .filter((i) => i.kind === kind)
      .map((i) => {
        const store = table.index(i.name)?.store;
        let size = 0;
        for (const entry of store?.scan() ?? []) size += itemSize(entry.item);
        return {
          IndexName: i.name,
          KeySchema: i.keySchemaWire,
          Projection: i.projection,
          ...(kind === 'GSI' ? { IndexStatus: status === 'ACTIVE' ? 'ACTIVE' : 'DELETING', ProvisionedThroughput: throughput(i.provisionedThroughput) } : {}),
          IndexSizeBytes: size,
          ItemCount: store?.size ?? 0,
          IndexArn: i.arn,
          ...(kind === 'GSI' ? { WarmThroughput: warmThroughput(i.provisionedThroughput, status === 'ACTIVE' ? 'ACTIVE' : 'DELETING') } : {}),
        };
      });
  const gsis = indexes('GSI');
  const lsis = indexes('LSI');
  const createdSeconds = d.createdAtMs / 1000;
  return {
    AttributeDefinitions: d.attributeDefinitions,
    TableName: d.name,
    KeySchema: d.keySchemaWire,
    TableStatus: status,
    CreationDateTime: createdSeconds,
    ProvisionedThroughput: throughput(d.provisionedThroughput),
    TableSizeBytes: table.sizeBytes(),
    ItemCount: table.items.size,
    TableArn: d.arn,
    TableId: d.id,
    BillingModeSummary: { BillingMode: d.billingMode, ...(d.billingMode === 'PAY_PER_REQUEST' ? { LastUpdateToPayPerRequestDateTime: createdSeconds } : {}) },
    ...(lsis.length > 0 ? { LocalSecondaryIndexes: lsis } : {}),
    ...(gsis.length > 0 ? { GlobalSecondaryIndexes: gsis } : {}),
    ...(d.stream
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: d.stream.viewType }, LatestStreamLabel: d.stream.label, LatestStreamArn: d.stream.arn }
      : {}),
    ...(d.sseEnabled
      ? {
          SSEDescription: {
            Status: 'ENABLED',
            SSEType: 'KMS',
            KMSMasterKeyArn: (d.sseSpecification?.KMSMasterKeyId as string | undefined) ?? `arn:aws:kms:${d.arn.split(':')[3]}:${d.arn.split(':')[4]}:key/local-dynamodb-key`,
          },
        }
      : {}),
    TableClassSummary: { TableClass: d.tableClass },
    DeletionProtectionEnabled: d.deletionProtectionEnabled,
    WarmThroughput: warmThroughput(d.provisionedThroughput, status),
  };
}

import type { Engine } from '../Engine';

/**
 * DescribeEndpoints (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeEndpoints.html):
 * the regional endpoint address and a 1440-minute cache period, as DynamoDB answers.
 */
export function describeEndpoints(engine: Engine): Record<string, unknown> {
  return { Endpoints: [{ Address: `dynamodb.${engine.options.region}.amazonaws.com`, CachePeriodInMinutes: 1440 }] };
}

/**
 * DescribeLimits (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeLimits.html):
 * the default provisioned-capacity quotas of a new account (80,000 per account, 40,000 per table;
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html).
 */
export function describeLimits(): Record<string, unknown> {
  return { AccountMaxReadCapacityUnits: 80000, AccountMaxWriteCapacityUnits: 80000, TableMaxReadCapacityUnits: 40000, TableMaxWriteCapacityUnits: 40000 };
}

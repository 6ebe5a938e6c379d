import { DynamoDbError } from '../engine/errors';
import type { Runtime } from '../runtime/Runtime';
import { ReplayError } from './errors';
import type { SeedItem } from './loadSeed';

/**
 * Puts seed items with PutItem through the runtime's engine. A seed table is named by its table
 * name or its logical id in serverless.yml resources.
 *
 * @throws ReplayError `replay.seed.invalid` listing every item the engine rejected or whose table is unknown.
 */
export async function seedTables(runtime: Runtime, items: SeedItem[]): Promise<void> {
  const problems: string[] = [];
  const tables = runtime.engine.tableNames();
  for (const { table, item, where } of items) {
    const resource = runtime.resources.get(table);
    const name = tables.includes(table) ? table : resource?.type === 'AWS::DynamoDB::Table' ? resource.ref : undefined;
    if (name === undefined) {
      problems.push(`${where}: no table "${table}" (tables: ${tables.join(', ')})`);
      continue;
    }
    try {
      await runtime.engine.execute('PutItem', { TableName: name, Item: item });
    } catch (error) {
      if (!(error instanceof DynamoDbError)) throw error;
      problems.push(`${where}: ${error.type}: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new ReplayError('replay.seed.invalid', 'the seed items cannot be put', problems);
}

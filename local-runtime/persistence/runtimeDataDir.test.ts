import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../runtime/createRuntime';
import { DurableEngine } from './DurableEngine';

/** `tidepool start --data-dir` (createRuntime's `dataDir`): the service's table data and streams outlive a session. */
describe('createRuntime with a data directory', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the tables serverless.yml defines, their items and their stream ARNs across runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-start-data-'));
    dirs.push(dir);
    const warnings: string[] = [];
    const open = () => createRuntime({ stage: 'dev', clock: 'virtual', dataDir: { path: dir, warn: (m) => warnings.push(m) } });
    const first = await open();
    expect(first.engine).toBeInstanceOf(DurableEngine);
    const tableName = 'tidepool-dev-orders';
    const described = (await first.engine.execute('DescribeTable', { TableName: tableName }))['Table'] as { KeySchema: { AttributeName: string }[]; LatestStreamArn: string };
    const key = Object.fromEntries(described.KeySchema.map((k) => [k.AttributeName, { S: `kept-${k.AttributeName}` }]));
    await first.engine.execute('PutItem', { TableName: tableName, Item: { ...key, note: { S: 'outlives the session' } } });
    await first.close();
    await (first.engine as DurableEngine).close();

    const second = await open();
    try {
      expect(await second.engine.execute('GetItem', { TableName: tableName, Key: key })).toMatchObject({ Item: { note: { S: 'outlives the session' } } });
      expect(second.resources.getAtt('OrdersTable', 'StreamArn')).toBe(described.LatestStreamArn);
      const arn = described.LatestStreamArn;
      const records = second.engine.streams.shards(arn).flatMap((s) => second.engine.streams.readAfter(arn, s.shardId, undefined, 100));
      expect(records.map((r) => r.eventName)).toContain('INSERT');
      expect(warnings).toEqual([]);
    } finally {
      await second.close();
      await (second.engine as DurableEngine).close();
    }
  });
});

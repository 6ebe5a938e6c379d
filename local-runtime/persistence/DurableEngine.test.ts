import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { DurableEngine } from './DurableEngine';
import { PersistenceError } from './PersistenceError';

const options = () => ({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
const table = {
  TableName: 'orders',
  AttributeDefinitions: [
    { AttributeName: 'PK', AttributeType: 'S' },
    { AttributeName: 'GSI1PK', AttributeType: 'S' },
  ],
  KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
  GlobalSecondaryIndexes: [{ IndexName: 'GSI1', KeySchema: [{ AttributeName: 'GSI1PK', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  BillingMode: 'PAY_PER_REQUEST',
};

describe('DurableEngine', () => {
  let dir: string;
  const open: DurableEngine[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-data-'));
  });
  afterEach(async () => {
    for (const engine of open.splice(0)) await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });
  async function openEngine(): Promise<DurableEngine> {
    const engine = await DurableEngine.open(dir, options());
    open.push(engine);
    return engine;
  }
  const journal = () => readFileSync(join(dir, 'journal.jsonl'), 'utf8');

  it('restores tables, indexes, TTL settings and items after a restart', async () => {
    const first = await openEngine();
    await first.execute('CreateTable', table);
    await first.execute('UpdateTimeToLive', { TableName: 'orders', TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } });
    await first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, GSI1PK: { S: 'c-1' }, n: { N: '1' } } });
    await first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'b' }, GSI1PK: { S: 'c-1' } } });
    await first.execute('UpdateItem', { TableName: 'orders', Key: { PK: { S: 'a' } }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } });
    await first.execute('DeleteItem', { TableName: 'orders', Key: { PK: { S: 'b' } } });
    await first.close();

    const second = await openEngine();

    expect(await second.execute('GetItem', { TableName: 'orders', Key: { PK: { S: 'a' } } })).toEqual({ Item: { PK: { S: 'a' }, GSI1PK: { S: 'c-1' }, n: { N: '2' } } });
    expect(await second.execute('GetItem', { TableName: 'orders', Key: { PK: { S: 'b' } } })).toEqual({});
    const byIndex = await second.execute('Query', { TableName: 'orders', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :c', ExpressionAttributeValues: { ':c': { S: 'c-1' } } });
    expect(byIndex['Count']).toBe(1);
    expect(await second.execute('DescribeTimeToLive', { TableName: 'orders' })).toMatchObject({ TimeToLiveDescription: { AttributeName: 'expiresAt' } });
  });

  it('compacts the journal at open: table definitions plus one PutItem per live item', async () => {
    const first = await openEngine();
    await first.execute('CreateTable', table);
    for (let i = 0; i < 5; i++) await first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'same' }, v: { N: String(i) } } });
    await first.close();
    expect(journal().trim().split('\n')).toHaveLength(6);

    await openEngine();

    const ops = journal().trim().split('\n').map((line) => (JSON.parse(line) as { op: string }).op);
    expect(ops).toEqual(['CreateTable', 'PutItem']);
  });

  it('journals nothing for a request that failed, and the failure changes nothing after a restart', async () => {
    const first = await openEngine();
    await first.execute('CreateTable', table);
    await first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, v: { N: '1' } } });
    await expect(
      first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, v: { N: '2' } }, ConditionExpression: 'attribute_not_exists(PK)' }),
    ).rejects.toMatchObject({ type: 'ConditionalCheckFailedException' });
    await first.close();

    expect(journal().trim().split('\n')).toHaveLength(2);
    const second = await openEngine();
    expect(await second.execute('GetItem', { TableName: 'orders', Key: { PK: { S: 'a' } } })).toMatchObject({ Item: { v: { N: '1' } } });
  });

  it('drops a last line torn by a crash (never acknowledged) and keeps everything before it', async () => {
    const first = await openEngine();
    await first.execute('CreateTable', table);
    await first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' } } });
    await first.close();
    appendFileSync(join(dir, 'journal.jsonl'), '{"op":"PutItem","input":{"TableName":"orders","It');

    const second = await openEngine();

    expect(await second.execute('Scan', { TableName: 'orders' })).toMatchObject({ Count: 1 });
  });

  it('refuses to start on a damaged line before the end, naming the file and line', async () => {
    writeFileSync(join(dir, 'journal.jsonl'), `${JSON.stringify({ op: 'CreateTable', input: table })}\nnot json\n{"op":"PutItem","input":{}}\n`);

    const opening = DurableEngine.open(dir, options());

    await expect(opening).rejects.toBeInstanceOf(PersistenceError);
    await expect(opening).rejects.toThrow(/journal\.jsonl:2: damaged journal line/);
  });

  it('keeps a dropped table dropped', async () => {
    const first = await openEngine();
    await first.execute('CreateTable', table);
    await first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' } } });
    await first.execute('DeleteTable', { TableName: 'orders' });
    await first.close();

    const second = await openEngine();

    expect(second.tableNames()).toEqual([]);
    expect(journal()).toBe('');
  });
});

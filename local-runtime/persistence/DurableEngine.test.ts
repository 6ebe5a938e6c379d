import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { DurableEngine, type DurableOpenOptions } from './DurableEngine';
import { PersistenceError } from './PersistenceError';

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
const get = (engine: DurableEngine, pk: string) => engine.execute('GetItem', { TableName: 'orders', Key: { PK: { S: pk } } });
/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html (ClientRequestToken: idempotent for 10 minutes) */
const deposit = (token: string) => ({
  ClientRequestToken: token,
  TransactItems: [{ Update: { TableName: 'orders', Key: { PK: { S: 'acct' } }, UpdateExpression: 'ADD balance :ten', ExpressionAttributeValues: { ':ten': { N: '10' } } } }],
});

describe('DurableEngine', () => {
  let dir: string;
  let clock: VirtualClock;
  const open: DurableEngine[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-data-'));
    clock = new VirtualClock();
  });
  afterEach(async () => {
    for (const engine of open.splice(0)) await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });
  async function openEngine(openOptions: DurableOpenOptions = {}): Promise<DurableEngine> {
    const engine = await DurableEngine.open(dir, { region: 'us-east-1', accountId: '000000000000', clock }, openOptions);
    open.push(engine);
    return engine;
  }
  async function restart(engine: DurableEngine): Promise<DurableEngine> {
    await engine.close();
    return openEngine();
  }
  /** Writes `count` items concurrently (one fsync covers many: group commit). */
  async function fill(engine: DurableEngine, prefix: string, count: number, pad = 500): Promise<void> {
    await Promise.all(Array.from({ length: count }, (_, i) => engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: `${prefix}${i}` }, pad: { S: 'y'.repeat(pad) } } })));
  }
  async function count(engine: DurableEngine): Promise<number> {
    let total = 0;
    let start: unknown;
    do {
      const page = await engine.execute('Scan', { TableName: 'orders', Select: 'COUNT', ...(start !== undefined && { ExclusiveStartKey: start }) });
      total += page['Count'] as number;
      start = page['LastEvaluatedKey'];
    } while (start !== undefined);
    return total;
  }
  const files = () => readdirSync(dir).sort();
  const journalFile = () => join(dir, files().find((f) => f.startsWith('journal-'))!);
  const digest = () => files().map((f) => `${f}:${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')}`);

  it('restores tables, indexes, TTL settings and items after a restart', async () => {
    const first = await openEngine();
    await first.execute('CreateTable', table);
    await first.execute('UpdateTimeToLive', { TableName: 'orders', TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } });
    await first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, GSI1PK: { S: 'c-1' }, n: { N: '1' } } });
    await first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'b' }, GSI1PK: { S: 'c-1' } } });
    await first.execute('UpdateItem', { TableName: 'orders', Key: { PK: { S: 'a' } }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } });
    await first.execute('DeleteItem', { TableName: 'orders', Key: { PK: { S: 'b' } } });

    const second = await restart(first);

    expect(await get(second, 'a')).toEqual({ Item: { PK: { S: 'a' }, GSI1PK: { S: 'c-1' }, n: { N: '2' } } });
    expect(await get(second, 'b')).toEqual({});
    const byIndex = await second.execute('Query', { TableName: 'orders', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :c', ExpressionAttributeValues: { ':c': { S: 'c-1' } } });
    expect(byIndex['Count']).toBe(1);
    expect(await second.execute('DescribeTimeToLive', { TableName: 'orders' })).toMatchObject({ TimeToLiveDescription: { AttributeName: 'expiresAt' } });
  });

  it('journals the resulting item image, not the request, and nothing for a request that failed', async () => {
    const first = await openEngine();
    await first.execute('CreateTable', table);
    await first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, n: { N: '1' } } });
    await first.execute('UpdateItem', { TableName: 'orders', Key: { PK: { S: 'a' } }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } });
    await expect(
      first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, n: { N: '9' } }, ConditionExpression: 'attribute_not_exists(PK)' }),
    ).rejects.toMatchObject({ type: 'ConditionalCheckFailedException' });
    await first.close();

    const journal = readFileSync(journalFile(), 'utf8');
    expect(journal).not.toContain('UpdateExpression');
    expect(journal).toContain('{"PK":{"S":"a"},"n":{"N":"2"}}');
    expect(journal).not.toContain('"N":"9"');
  });

  it('applies a ClientRequestToken transaction once across restarts (the replay is answered, not journaled again)', async () => {
    let engine = await openEngine();
    await engine.execute('CreateTable', table);
    await engine.execute('TransactWriteItems', deposit('t-1'));
    for (let i = 0; i < 3; i++) {
      engine = await restart(engine);
      await engine.execute('TransactWriteItems', deposit('t-1'));
    }
    engine = await restart(engine);
    expect(await get(engine, 'acct')).toMatchObject({ Item: { balance: { N: '10' } } });
    // Different parameters under the same token still mismatch after the restarts: the memo survived with its times.
    await expect(engine.execute('TransactWriteItems', { ...deposit('t-1'), TransactItems: [] })).rejects.toBeDefined();
    // After the 10-minute window the token is new again: applied once more, and that survives a restart too.
    clock.advance(10 * 60 * 1000 + 1);
    await engine.execute('TransactWriteItems', deposit('t-1'));
    engine = await restart(engine);
    engine = await restart(engine);
    expect(await get(engine, 'acct')).toMatchObject({ Item: { balance: { N: '20' } } });
  });

  it('keeps TTL deletions: an expired key rewritten conditionally opens again, as often as it restarts', async () => {
    let engine = await openEngine();
    await engine.execute('CreateTable', table);
    await engine.execute('UpdateTimeToLive', { TableName: 'orders', TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } });
    const expiresAt = String(clock.now() / 1000 + 60);
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'lock' }, v: { S: 'old' }, expiresAt: { N: expiresAt } } });
    clock.advance(120_000);
    expect(engine.ttl.sweep()).toBe(1);
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'lock' }, v: { S: 'new' } }, ConditionExpression: 'attribute_not_exists(PK)' });
    for (let i = 0; i < 3; i++) engine = await restart(engine);
    expect(await get(engine, 'lock')).toEqual({ Item: { PK: { S: 'lock' }, v: { S: 'new' } } });
  });

  it('keeps a TTL deletion that nothing followed (written at the end of the sweep turn)', async () => {
    let engine = await openEngine();
    await engine.execute('CreateTable', table);
    await engine.execute('UpdateTimeToLive', { TableName: 'orders', TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } });
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'gone' }, expiresAt: { N: String(clock.now() / 1000 + 1) } } });
    clock.advance(5000);
    engine.ttl.sweep();
    engine = await restart(engine);
    expect(await get(engine, 'gone')).toEqual({});
  });

  it('drops a last record torn by a crash (never acknowledged) with a warning, keeping everything before it', async () => {
    const first = await openEngine();
    await first.execute('CreateTable', table);
    await first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' } } });
    await first.close();
    appendFileSync(journalFile(), '118 0badf00d {"w":[["orders",1,{"PK":');

    const second = await openEngine();

    expect(await second.execute('Scan', { TableName: 'orders' })).toMatchObject({ Count: 1 });
    expect(second.warnings.join('\n')).toMatch(/journal-\d+\.tpj: dropped the last record, torn by a crash \(\d+ bytes at byte offset \d+/);
  });

  it('detects a bit flip at any offset of journal or snapshot: refuses to open, names file and offset, changes nothing', async () => {
    let engine = await openEngine();
    await engine.execute('CreateTable', table);
    for (let i = 0; i < 20; i++) await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: `k${i}` }, s: { S: `välue ${i}` } } });
    await fill(engine, 'big', 2500);
    engine = await restart(engine); // the journal outgrew its threshold: now a snapshot and a fresh journal
    for (let i = 0; i < 5; i++) await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: `j${i}` } } });
    await engine.close();
    open.length = 0;
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (const file of files()) {
      const path = join(dir, file);
      const original = readFileSync(path);
      for (let trial = 0; trial < 12; trial++) {
        const damaged = Buffer.from(original);
        const offset = random(damaged.length);
        damaged[offset] = damaged[offset]! ^ (1 << random(8));
        writeFileSync(path, damaged);
        const before = digest();
        const error = await DurableEngine.open(dir, { region: 'us-east-1', accountId: '000000000000', clock }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `flip at ${file}:${offset}`).toBeInstanceOf(PersistenceError);
        expect((error as PersistenceError).message).toContain(path);
        expect((error as PersistenceError).message).toMatch(/byte offset \d+/);
        expect(digest()).toEqual(before);
      }
      writeFileSync(path, original);
    }
  });

  it('never loses data silently to truncation: a cut journal warns at the offset, a cut snapshot refuses to open', async () => {
    let engine = await openEngine();
    await engine.execute('CreateTable', table);
    for (let i = 0; i < 30; i++) await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: `k${i}` } } });
    await engine.close();
    open.length = 0;
    const path = journalFile();
    const original = readFileSync(path);
    const boundaries = new Set([0, ...[...original.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i + 1)]);
    for (let cut = 1; cut < original.length; cut += 97) {
      if (boundaries.has(cut)) continue;
      truncateSync(path, cut);
      const opened = await DurableEngine.open(dir, { region: 'us-east-1', accountId: '000000000000', clock });
      expect(opened.warnings.join('\n'), `cut at ${cut}`).toContain(`at byte offset ${Math.max(...[...boundaries].filter((b) => b < cut))}`);
      await opened.close();
      // Opening compacted: put the original back for the next cut.
      for (const f of files()) rmSync(join(dir, f));
      writeFileSync(path, original);
    }
    // Now a snapshot, cut anywhere.
    engine = await openEngine();
    await fill(engine, 'm', 3000);
    engine = await restart(engine);
    await engine.close();
    open.length = 0;
    const snapshot = join(dir, files().find((f) => f.startsWith('snapshot-'))!);
    const whole = readFileSync(snapshot);
    for (const cut of [1, Math.floor(whole.length / 2), whole.length - 1]) {
      truncateSync(snapshot, cut);
      await expect(DurableEngine.open(dir, { region: 'us-east-1', accountId: '000000000000', clock })).rejects.toThrow(snapshot);
      writeFileSync(snapshot, whole);
    }
  });

  it('--repair salvages what verifies after copying the original directory beside it', async () => {
    const engine = await openEngine();
    await engine.execute('CreateTable', table);
    for (let i = 0; i < 3; i++) await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: `k${i}` } } });
    await engine.close();
    open.length = 0;
    const path = journalFile();
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"k1"', '"k7"'));

    const repaired = await openEngine({ repair: true });

    expect(((await repaired.execute('Scan', { TableName: 'orders' }))['Items'] as unknown[]).length).toBe(2);
    expect(repaired.warnings.join('\n')).toMatch(/skipped the damaged record at byte offset \d+/);
    const copy = repaired.warnings.join('\n').match(/copied to (\S+)/)![1]!;
    expect(readFileSync(join(copy, path.slice(dir.length + 1)), 'utf8')).toContain('"k7"');
    rmSync(copy, { recursive: true, force: true });
  });

  for (const point of ['compaction-writing', 'compaction-before-rename', 'compaction-after-rename', 'compaction-before-cleanup']) {
    it(`a crash during compaction (${point}) leaves a directory that opens to the same data`, async () => {
      let engine = await openEngine();
      await engine.execute('CreateTable', table);
      await fill(engine, 'k', 3000);
      await engine.close();
      open.length = 0;
      const crash = new Error('crash');
      await expect(
        DurableEngine.open(dir, { region: 'us-east-1', accountId: '000000000000', clock }, { crashPoint: (at) => { if (at === point) throw crash; } }),
      ).rejects.toBe(crash);
      engine = await openEngine();
      expect(await count(engine)).toBe(3000);
      expect(files().filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
  }

  it('keeps streams across restarts: same stream ARN, shards and sequence numbers, so a reader resumes', async () => {
    let engine = await openEngine();
    await engine.execute('CreateTable', { ...table, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, n: { N: '1' } } });
    const arn = ((await engine.execute('DescribeTable', { TableName: 'orders' }))['Table'] as { LatestStreamArn: string }).LatestStreamArn;
    const shardsBefore = engine.streams.shards(arn);
    const read = (e: DurableEngine) => shardsBefore.flatMap((s) => e.streams.readAfter(arn, s.shardId, undefined, 100));
    const firstRecords = read(engine);
    expect(firstRecords).toHaveLength(1);
    engine = await restart(engine);
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, n: { N: '2' } } });
    engine = await restart(engine);

    expect(engine.streams.shards(arn)).toEqual(shardsBefore);
    const records = read(engine);
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY']);
    expect(records[0]).toEqual(firstRecords[0]);
    const shard = shardsBefore.find((s) => engine.streams.readAfter(arn, s.shardId, undefined, 1).length > 0)!;
    const after = engine.streams.readAfter(arn, shard.shardId, firstRecords[0]!.dynamodb.SequenceNumber, 10);
    expect(after.map((r) => r.dynamodb.NewImage)).toEqual([{ PK: { S: 'a' }, n: { N: '2' } }]);
  });

  it('keeps a dropped table dropped', async () => {
    const first = await openEngine();
    await first.execute('CreateTable', table);
    await first.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' } } });
    await first.execute('DeleteTable', { TableName: 'orders' });
    const second = await restart(first);
    expect(second.tableNames()).toEqual([]);
  });

  it('migrates a request journal of an older Tidepool once', async () => {
    writeFileSync(join(dir, 'journal.jsonl'), `${JSON.stringify({ op: 'CreateTable', input: table })}\n${JSON.stringify({ op: 'PutItem', input: { TableName: 'orders', Item: { PK: { S: 'a' } } } })}\n`);
    let engine = await openEngine();
    expect(engine.warnings.join('\n')).toContain('migrated');
    engine = await restart(engine);
    expect(files()).toContain('journal.jsonl.migrated');
    expect(await get(engine, 'a')).toEqual({ Item: { PK: { S: 'a' } } });
  });
});

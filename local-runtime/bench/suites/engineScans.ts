import { createRequire } from 'node:module';
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import { HttpResponse } from '@smithy/protocol-http';
import { handleWireRequest } from '../../wire/handleWireRequest';
import { inProcessClientConfig } from '../../wire/inProcessClientConfig';
import { startWireServer } from '../../wire/startWireServer';
import { QUICK, interleaved, median, medianRatio, rotated } from '../interleave';
import { medianMs } from '../measure';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler, HttpRequest } from '@smithy/protocol-http';
import type { BenchRow, BenchSuite } from '../types';

/**
 * Reads at size: full and filtered scans of 20k items (engine over HTTP vs dynalite over HTTP, and in-process),
 * and one Query page at 1k items vs a large table (BENCH_LARGE_ITEMS, default 1,000,000). Items are generated
 * by calling the engine directly (BatchWriteItem when it exists), never through the SDK.
 */
const TABLE = 'scan-bench';
const SCAN_ITEMS = 20_000;
/** BENCH_QUICK=1 skips the million-item table (100k instead) unless BENCH_LARGE_ITEMS says otherwise. */
const LARGE_ITEMS = Number(process.env['BENCH_LARGE_ITEMS'] ?? (QUICK ? 100_000 : 1_000_000));
/**
 * Alternating rounds per figure; figures are medians over rounds. The scan sides run in a rotated order from round
 * to round, so that no side always inherits the garbage of the same other side (a 20k-item scan through the SDK
 * leaves tens of megabytes to collect).
 */
const ROUNDS = QUICK ? 3 : 9;
const PARTITION_SIZE = 1000;
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

const TABLE_INPUT = {
  TableName: TABLE,
  BillingMode: 'PAY_PER_REQUEST' as const,
  AttributeDefinitions: [
    { AttributeName: 'PK', AttributeType: 'S' as const },
    { AttributeName: 'SK', AttributeType: 'N' as const },
  ],
  KeySchema: [
    { AttributeName: 'PK', KeyType: 'HASH' as const },
    { AttributeName: 'SK', KeyType: 'RANGE' as const },
  ],
};

/** Item `i` in DynamoDB JSON: ~150 bytes, one in ten OPEN, partitions of PARTITION_SIZE items. */
function wireItem(i: number): Record<string, unknown> {
  return {
    PK: { S: `customer#${Math.floor(i / PARTITION_SIZE)}` },
    SK: { N: String(i % PARTITION_SIZE) },
    status: { S: i % 10 === 0 ? 'OPEN' : 'DONE' },
    total: { N: String((i * 37) % 10_000) },
    note: { S: `order ${i} for the bench with some padding text` },
  };
}

async function fillEngine(engine: Engine, count: number): Promise<void> {
  const batch = engine.operationNames().includes('BatchWriteItem');
  for (let start = 0; start < count; start += 25) {
    const items = Array.from({ length: Math.min(25, count - start) }, (_, k) => wireItem(start + k));
    if (batch) await engine.execute('BatchWriteItem', { RequestItems: { [TABLE]: items.map((Item) => ({ PutRequest: { Item } })) } });
    else for (const Item of items) await engine.execute('PutItem', { TableName: TABLE, Item });
  }
}

async function fillOverHttp(client: DynamoDBClient, count: number): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < count; start += 25) batches.push(Array.from({ length: Math.min(25, count - start) }, (_, k) => wireItem(start + k)));
  const worker = async (): Promise<void> => {
    for (let items = batches.pop(); items; items = batches.pop()) {
      await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: items.map((Item) => ({ PutRequest: { Item: Item as never } })) } }));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Reads every page; returns the items counted. */
async function fullScan(docs: DynamoDBDocumentClient, filtered: boolean): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await docs.send(
      new ScanCommand({
        TableName: TABLE,
        ExclusiveStartKey: start,
        ...(filtered ? { FilterExpression: '#s = :open AND #t > :min', ExpressionAttributeNames: { '#s': 'status', '#t': 'total' }, ExpressionAttributeValues: { ':open': 'OPEN', ':min': 100 } } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

const queryPage = (docs: DynamoDBDocumentClient, partitions: number) => (i: number) =>
  docs.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'PK = :p AND SK >= :from',
      ExpressionAttributeValues: { ':p': `customer#${(i * 7919) % partitions}`, ':from': (i * 13) % (PARTITION_SIZE - 100) },
      Limit: 100,
    }),
  );

const bodyKey = (body: unknown): string => (body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') : String(body));

/**
 * The SDK's own floor for a scan: a handler that first records the engine's pages (by request body), then
 * replays them with no engine work — what is left is the client's serialising and parsing.
 */
function recordingThenCannedHandler(engine: Engine): { handler: HttpHandler; replay(): void } {
  const pages = new Map<string, { statusCode: number; headers: Record<string, string>; body: Buffer }>();
  let replaying = false;
  const handler: HttpHandler = {
    async handle(request: HttpRequest) {
      const key = bodyKey(request.body);
      let page = replaying ? pages.get(key) : undefined;
      if (!page) {
        const reply = await handleWireRequest(engine, { headers: request.headers, body: key });
        page = { statusCode: reply.statusCode, headers: reply.headers, body: Buffer.from(reply.body) };
        pages.set(key, page);
      }
      return { response: new HttpResponse({ statusCode: page.statusCode, headers: page.headers, body: page.body }) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
  return { handler, replay: () => (replaying = true) };
}

async function engineWith(count: number): Promise<{ engine: Engine; docs: DynamoDBDocumentClient }> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
  await engine.execute('CreateTable', TABLE_INPUT);
  await fillEngine(engine, count);
  return { engine, docs: DynamoDBDocumentClient.from(new DynamoDBClient(inProcessClientConfig(engine))) };
}

const suite: BenchSuite = {
  name: 'engine: scans at 20k items, Query page at 1k vs large',
  async run() {
    const rows: BenchRow[] = [];

    // Scans at 20k: engine over HTTP vs dynalite over HTTP (same client, same transport), plus in-process.
    const scanned = await engineWith(SCAN_ITEMS);
    const wire = await startWireServer(scanned.engine, { host: '127.0.0.1', port: 0 });
    const require = createRequire(import.meta.url);
    const dynaliteServer = (require('dynalite') as (o: { createTableMs: number }) => Server)({ createTableMs: 0 });
    await new Promise<void>((resolve) => dynaliteServer.listen(0, '127.0.0.1', resolve));
    const dynaliteClient = new DynamoDBClient({ region: 'us-east-1', credentials, endpoint: `http://127.0.0.1:${(dynaliteServer.address() as AddressInfo).port}` });
    const wireClient = new DynamoDBClient({ region: 'us-east-1', credentials, endpoint: wire.url });
    try {
      await dynaliteClient.send(new CreateTableCommand(TABLE_INPUT));
      await fillOverHttp(dynaliteClient, SCAN_ITEMS);
      const overHttp = DynamoDBDocumentClient.from(wireClient);
      const dynalite = DynamoDBDocumentClient.from(dynaliteClient);
      for (const filtered of [false, true]) {
        const label = filtered ? 'filtered scan (10% match)' : 'full scan';
        const canned = recordingThenCannedHandler(scanned.engine);
        const cannedDocs = DynamoDBDocumentClient.from(new DynamoDBClient({ ...inProcessClientConfig(scanned.engine), requestHandler: canned.handler }));
        await fullScan(cannedDocs, filtered);
        canned.replay();
        // One scan of each side per round, in rotated order, after one warm-up scan each.
        const sides = [
          ['inProcess', scanned.docs],
          ['floor', cannedDocs],
          ['http', overHttp],
          ['dyn', dynalite],
        ] as const;
        for (const [, docs] of sides) await fullScan(docs, filtered);
        const runs = await interleaved(
          sides.map(([key, docs]) => [key, () => medianMs(() => fullScan(docs, filtered), 1)] as const),
          ROUNDS,
          (round) => rotated(sides.map(([key]) => key), round),
        );
        cannedDocs.destroy();
        const [inProcess, floor, http, dyn] = [median(runs.inProcess), median(runs.floor), median(runs.http), median(runs.dyn)];
        const speedup = medianRatio(runs.dyn, runs.http);
        rows.push(
          { name: `${label} · 20k items · engine in-process`, value: inProcess, unit: 'ms', note: `median, all pages; SDK floor ${Math.round(floor)} ms (${Math.round((100 * floor) / inProcess)}% of it)` },
          { name: `${label} · 20k items · in-process SDK floor (canned pages)`, value: floor, unit: 'ms' },
          { name: `${label} · 20k items · tidepool serve over HTTP`, value: http, unit: 'ms', note: `${speedup.toFixed(2)}× faster than dynalite (target ≥ 2)${speedup >= 2 ? '' : '  MISSED'} · median of ${ROUNDS} alternating rounds` },
          { name: `${label} · 20k items · dynalite over HTTP`, value: dyn, unit: 'ms' },
        );
      }
      rows.push({ name: 'Query page (Limit 100) · 20k items · engine in-process', value: await medianMs(queryPage(scanned.docs, SCAN_ITEMS / PARTITION_SIZE), 200), unit: 'ms', note: 'median' });
    } finally {
      scanned.docs.destroy();
      wireClient.destroy();
      dynaliteClient.destroy();
      await wire.close();
      await new Promise<void>((resolve) => (dynaliteServer.closeAllConnections(), dynaliteServer.close(() => resolve())));
    }

    // One Query page at 1k items vs the large table (same partition size, so the page is the same work).
    const small = await engineWith(1000);
    const loadStart = performance.now();
    const large = await engineWith(LARGE_ITEMS);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const pages = await interleaved(
      [
        ['small', () => medianMs(queryPage(small.docs, 1), 100)],
        ['large', () => medianMs(queryPage(large.docs, LARGE_ITEMS / PARTITION_SIZE), 100)],
      ] as const,
      ROUNDS,
    );
    const [smallMs, largeMs] = [median(pages.small), median(pages.large)];
    const pageRatio = medianRatio(pages.large, pages.small);
    small.docs.destroy();
    large.docs.destroy();
    const heapMb = process.memoryUsage().heapUsed / 1e6;
    rows.push(
      { name: 'Query page (Limit 100) · 1k items · engine in-process', value: smallMs, unit: 'ms', note: 'median' },
      {
        name: `Query page (Limit 100) · ${LARGE_ITEMS.toLocaleString('en-US')} items · engine in-process`,
        value: largeMs,
        unit: 'ms',
        note: `${pageRatio.toFixed(2)}× the 1k page (target ≤ 2)${pageRatio <= 2 ? '' : '  MISSED'} · median of ${ROUNDS} alternating rounds`,
      },
      { name: `loading ${LARGE_ITEMS.toLocaleString('en-US')} items through engine.execute`, value: loadSeconds, unit: 's', note: `heap ${Math.round(heapMb)} MB after` },
    );
    return rows;
  },
};
export default suite;

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { HttpResponse } from '@smithy/protocol-http';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import { pkSkKeys } from '../../engine/testing/pkSkKeys';
import { handleWireRequest } from '../../wire/handleWireRequest';
import { inProcessClientConfig } from '../../wire/inProcessClientConfig';
import { startWireServer } from '../../wire/startWireServer';
import { QUICK, interleaved, median, medianRatio, rotated } from '../interleave';
import { opsPerSecond } from '../measure';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler, HttpRequest } from '@smithy/protocol-http';
import type { BenchRow, BenchSuite } from '../types';

/**
 * One DynamoDB operation mix, five transports, one run: the engine in-process and over HTTP, each beside its
 * ceiling (the same SDK client answered with canned replies by a handler that does no work), and dynalite.
 * Canned replies are the engine's own replies, recorded, so both sides of each ratio parse the same bytes.
 */
const TABLE = 'bench';
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
/**
 * Measuring time per client per operation, split over ROUNDS short alternating rounds: the two sides of a ratio
 * run within a few tens of milliseconds of each other, so the shared machine's speed swings (which move a single
 * side by ±30% over a second here) mostly cancel out in each round's ratio.
 */
const MIN_MS = Number(process.env['BENCH_MIN_MS'] ?? (QUICK ? 900 : 2500));
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? (QUICK ? 6 : 30));

type Docs = DynamoDBDocumentClient;
const OPS: Record<string, (docs: Docs, i: number) => Promise<unknown>> = {
  put: (docs, i) => docs.send(new PutCommand({ TableName: TABLE, Item: { PK: `p#${i % 100}`, SK: `s#${i}`, status: 'OPEN', total: i, note: 'x'.repeat(40) } })),
  get: (docs) => docs.send(new GetCommand({ TableName: TABLE, Key: { PK: 'q#1', SK: 's#1' } })),
  update: (docs) =>
    docs.send(new UpdateCommand({ TableName: TABLE, Key: { PK: 'u#1', SK: 'u' }, UpdateExpression: 'SET amount = amount + :d', ExpressionAttributeValues: { ':d': 1 }, ReturnValues: 'UPDATED_NEW' })),
  query: (docs) => docs.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': 'q#1' }, Limit: 10 })),
  transact: (docs, i) =>
    docs.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { PK: `t#${i % 100}`, SK: `a#${i}`, total: i } } },
          { Put: { TableName: TABLE, Item: { PK: `t#${i % 100}`, SK: `b#${i}`, total: i } } },
        ],
      }),
    ),
};

const TABLE_INPUT = { TableName: TABLE, BillingMode: 'PAY_PER_REQUEST' as const, ...pkSkKeys };

async function seed(docs: Docs): Promise<void> {
  for (let i = 0; i < 10; i++) await docs.send(new PutCommand({ TableName: TABLE, Item: { PK: 'q#1', SK: `s#${i}`, status: 'OPEN', total: i, note: 'x'.repeat(40) } }));
  await docs.send(new PutCommand({ TableName: TABLE, Item: { PK: 'u#1', SK: 'u', amount: 0 } }));
}

/** Engine replies by X-Amz-Target, recorded once per operation. */
type Recorded = Map<string, { statusCode: number; headers: Record<string, string>; body: Buffer }>;

function header(request: HttpRequest, name: string): string {
  return request.headers[name] ?? request.headers[name.toLowerCase()] ?? Object.entries(request.headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? '';
}

/** The in-process ceiling: replies from the recording, without looking at the request body. */
function cannedHandler(recorded: Recorded): HttpHandler {
  return {
    async handle(request: HttpRequest) {
      const reply = recorded.get(header(request, 'x-amz-target'));
      if (!reply) throw new Error(`no recorded reply for ${header(request, 'x-amz-target')}`);
      return { response: new HttpResponse({ statusCode: reply.statusCode, headers: reply.headers, body: reply.body }) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
}

/** The HTTP ceiling: a node:http server replaying the recording (body drained, not parsed). */
async function cannedServer(recorded: Recorded): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const reply = recorded.get(String(request.headers['x-amz-target']));
      if (!reply) return response.writeHead(500).end();
      response.writeHead(reply.statusCode, { ...reply.headers, 'content-length': String(reply.body.byteLength), 'x-amz-crc32': String(crc32(reply.body)) }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function startDynalite(): Promise<{ url: string; server: Server }> {
  const require = createRequire(import.meta.url);
  const dynalite = require('dynalite') as (options: { createTableMs: number; deleteTableMs?: number; updateTableMs?: number }) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const closeServer = (server: Server): Promise<void> => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
const docsOf = (client: DynamoDBClient): Docs => DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
const ratio = (r: number, target: number): string => `${r.toFixed(2)}× ceiling (target ≥ ${target})${r >= target ? '' : '  MISSED'}`;

const suite: BenchSuite = {
  name: 'engine: put/get/update/query/transact through DynamoDBDocumentClient',
  async run() {
    const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
    await engine.execute('CreateTable', TABLE_INPUT);
    // BENCH_OPS=update,transact measures only those (for iterating on one path).
    const only = process.env['BENCH_OPS']?.split(',');
    const ops = Object.entries(OPS).filter(([name]) => (name !== 'transact' || engine.operationNames().includes('TransactWriteItems')) && (!only || only.includes(name)));

    // (a) engine in-process, recording its replies for the ceilings.
    const recorded: Recorded = new Map();
    const recordingConfig = inProcessClientConfig(engine);
    const recordingHandler: HttpHandler = {
      async handle(request: HttpRequest) {
        const reply = await handleWireRequest(engine, { headers: request.headers, body: request.body as Uint8Array });
        const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : Buffer.from(reply.body);
        recorded.set(header(request, 'x-amz-target'), { statusCode: reply.statusCode, headers: reply.headers, body });
        return { response: new HttpResponse({ statusCode: reply.statusCode, headers: reply.headers, body }) };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    };
    const recorder = docsOf(new DynamoDBClient({ ...recordingConfig, requestHandler: recordingHandler }));
    await seed(recorder);
    for (const [, op] of ops) await op(recorder, 0);

    const inProcess = docsOf(new DynamoDBClient(inProcessClientConfig(engine)));
    const inProcessCeiling = docsOf(new DynamoDBClient({ ...inProcessClientConfig(engine), requestHandler: cannedHandler(recorded) }));

    // (c) engine over HTTP, (d) the HTTP ceiling, (e) dynalite.
    const wire = await startWireServer(engine, { host: '127.0.0.1', port: 0 });
    const canned = await cannedServer(recorded);
    const dyn = await startDynalite();
    const http = (endpoint: string) => docsOf(new DynamoDBClient({ region: 'us-east-1', credentials, endpoint }));
    const overHttp = http(wire.url);
    const httpCeiling = http(canned.url);
    const dynalite = http(dyn.url);
    await dynalite.send(new CreateTableCommand(TABLE_INPUT));
    await seed(dynalite);

    const rows: BenchRow[] = [];
    try {
      for (const [name, op] of ops) {
        // dynalite 4 has no transactions: its figure is left out rather than faked.
        const dynaliteSupports = await op(dynalite, 0).then(
          () => true,
          (error: unknown) => (error as { name?: string }).name !== 'UnknownOperationException',
        );
        // Alternating rounds: load drifts hit every side; figures and ratios are medians over rounds. The order is
        // counterbalanced: the in-process pair runs as (a, b) and (b, a) in turn, then the HTTP sides, rotated.
        type Side = 'a' | 'b' | 'c' | 'd' | 'e';
        const clients: [Side, Docs][] = [['a', inProcess], ['b', inProcessCeiling], ['c', overHttp], ['d', httpCeiling], ...(dynaliteSupports ? [['e', dynalite] as [Side, Docs]] : [])];
        const httpSides: Side[] = dynaliteSupports ? ['c', 'd', 'e'] : ['c', 'd'];
        const runs = await interleaved(
          clients.map(([key, docs]) => [key, (round: number) => opsPerSecond((i) => op(docs, i), { minMs: MIN_MS / ROUNDS, warmup: round === 0 ? 600 : 30 })] as const),
          ROUNDS,
          (round) => [...(round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)), ...rotated(httpSides, round)],
        );
        if (process.env['BENCH_DEBUG']) console.error(name, 'a/b', runs.a.map((x, i) => (x / (runs.b[i] as number)).toFixed(2)).join(' '), '| c/d', runs.c.map((x, i) => (x / (runs.d[i] as number)).toFixed(2)).join(' '));
        const [a, b, c, d] = [median(runs.a), median(runs.b), median(runs.c), median(runs.d)];
        const e = dynaliteSupports ? median(runs.e) : undefined;
        const rounds = `median of ${ROUNDS} alternating rounds`;
        rows.push(
          { name: `${name} · (a) engine in-process`, value: a, unit: 'ops/s', note: `${ratio(medianRatio(runs.a, runs.b), 0.8)} · ${rounds}` },
          { name: `${name} · (b) in-process ceiling (canned replies)`, value: b, unit: 'ops/s' },
          { name: `${name} · (c) tidepool serve over HTTP`, value: c, unit: 'ops/s', note: `${ratio(medianRatio(runs.c, runs.d), 0.9)}${e ? ` · ${medianRatio(runs.c, runs.e).toFixed(2)}× dynalite` : ''}` },
          { name: `${name} · (d) HTTP ceiling (canned replies)`, value: d, unit: 'ops/s' },
          ...(e ? [{ name: `${name} · (e) dynalite over HTTP`, value: e, unit: 'ops/s' }] : []),
        );
        if (!e) rows.push({ name: `${name} · (e) dynalite over HTTP`, value: 0, unit: 'ops/s', note: 'not supported by dynalite 4 (UnknownOperationException)' });
      }
    } finally {
      for (const docs of [recorder, inProcess, inProcessCeiling, overHttp, httpCeiling, dynalite]) docs.destroy();
      await Promise.all([wire.close(), closeServer(canned.server), closeServer(dyn.server)]);
    }
    return rows;
  },
};
export default suite;

import { afterEach, expect, it, vi } from 'vitest';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { createInProcessRequestHandler } from './createInProcessRequestHandler';
import { describeWireTransport } from './describeWireTransport';
import { inProcessClientConfig } from './inProcessClientConfig';
import { startWireServer } from './startWireServer';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const newEngine = (): Engine => new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });

describeWireTransport('in-process request handler', async () => {
  const client = new DynamoDBClient({ region: 'us-east-1', credentials, endpoint: 'http://in-process.tidepool', requestHandler: createInProcessRequestHandler(newEngine()) });
  return { client, close: async () => client.destroy() };
});

describeWireTransport('in-process client config (no signing)', async () => {
  const client = new DynamoDBClient(inProcessClientConfig(newEngine()));
  return { client, close: async () => client.destroy() };
});

describeWireTransport('HTTP server', async () => {
  const server = await startWireServer(newEngine(), { host: '127.0.0.1', port: 0 });
  const client = new DynamoDBClient({ region: 'us-east-1', credentials, endpoint: server.url });
  return {
    client,
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
});

afterEach(() => {
  vi.restoreAllMocks();
});

it('the in-process handler reads the SDK body as bytes, so the SDK logs no JsonCodec2 warning', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const client = new DynamoDBClient({ region: 'us-east-1', credentials, endpoint: 'http://in-process.tidepool', requestHandler: createInProcessRequestHandler(newEngine()) });
  await client.send(new ListTablesCommand({ Limit: 5 }));
  client.destroy();
  expect(warn.mock.calls.filter((args) => String(args[0]).includes('JsonCodec2'))).toEqual([]);
});

it('inProcessClientConfig does not sign requests', async () => {
  const seen: Record<string, string>[] = [];
  const engine = newEngine();
  const config = inProcessClientConfig(engine);
  const inner = config.requestHandler as { handle(r: { headers: Record<string, string> }): Promise<unknown> };
  const client = new DynamoDBClient({
    ...config,
    requestHandler: { ...inner, handle: (request: { headers: Record<string, string> }) => (seen.push(request.headers), inner.handle(request)) } as never,
  });
  await client.send(new ListTablesCommand({}));
  client.destroy();
  expect(seen[0]?.authorization).toBeUndefined();
  expect(seen[0]?.['x-amz-target']).toBe('DynamoDB_20120810.ListTables');
});

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { createInProcessRequestHandler } from './createInProcessRequestHandler';
import { describeWireTransport } from './describeWireTransport';
import { startWireServer } from './startWireServer';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const newEngine = (): Engine => new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });

describeWireTransport('in-process request handler', async () => {
  const client = new DynamoDBClient({ region: 'us-east-1', credentials, endpoint: 'http://in-process.tidepool', requestHandler: createInProcessRequestHandler(newEngine()) });
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

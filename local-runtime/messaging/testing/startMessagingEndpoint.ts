import { VirtualClock } from '../../clock/Clock';
import { startAwsEndpointServer, type AwsServiceHandler } from '../../preload/AwsEndpointServer';
import { handleEventBridgeRequest } from '../handleEventBridgeRequest';
import { handleSnsRequest } from '../handleSnsRequest';
import { handleSqsRequest } from '../handleSqsRequest';
import { MessagingHub, type MessagingHubDeps } from '../MessagingHub';
import type { MessagingWireReply, MessagingWireRequest } from '../wireTypes';

export const TEST_ACCOUNT = '000000000000';
export const TEST_REGION = 'us-east-1';
/** Dummy credentials for clients of the local endpoint. */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' };

function service(hub: MessagingHub, handle: (hub: MessagingHub, request: MessagingWireRequest) => Promise<MessagingWireReply>): AwsServiceHandler {
  return async (request) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value;
    return handle(hub, { headers, body: request.body.toString('utf8'), path: request.path });
  };
}

/**
 * A messaging hub on a virtual clock behind a real HTTP endpoint on 127.0.0.1 (as `start`
 * serves it), for tests with SDK clients and the AWS CLI. Deliveries to functions are collected.
 */
export async function startMessagingEndpoint(overrides: Partial<MessagingHubDeps> = {}) {
  const clock = new VirtualClock();
  const delivered: Array<{ functionKey: string; event: unknown; trigger: { type: string; source: string } }> = [];
  const hub = new MessagingHub({
    clock,
    region: TEST_REGION,
    accountId: TEST_ACCOUNT,
    onSent: () => undefined,
    deliverAsync: (functionKey, event, trigger) => delivered.push({ functionKey, event, trigger }),
    functionKeyOf: (arn) => arn.split(':').pop(),
    ...overrides,
  });
  hub.addBus({ logicalId: undefined, name: 'default', arn: `arn:aws:events:${TEST_REGION}:${TEST_ACCOUNT}:event-bus/default`, rules: new Map() });
  const server = await startAwsEndpointServer({
    services: { sqs: service(hub, handleSqsRequest), sns: service(hub, handleSnsRequest), events: service(hub, handleEventBridgeRequest) },
  });
  const config = { region: TEST_REGION, credentials: TEST_CREDENTIALS, endpoint: server.url };
  return { hub, clock, delivered, url: server.url, config, close: () => server.close() };
}

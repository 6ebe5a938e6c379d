import { AsyncLocalStorage } from 'node:async_hooks';
import type { Engine } from '../engine/Engine';
import { createInvokeHandler } from '../lambda/createInvokeHandler';
import type { LocalFunction } from '../lambda/LocalFunction';
import type { InvocationTrigger } from '../lambda/types';
import { handleEventBridgeRequest } from '../messaging/handleEventBridgeRequest';
import { handleSnsRequest } from '../messaging/handleSnsRequest';
import { handleSqsRequest } from '../messaging/handleSqsRequest';
import type { MessagingHub } from '../messaging/MessagingHub';
import type { MessagingWireReply, MessagingWireRequest } from '../messaging/wireTypes';
import { requestGuard } from '../preload/requestGuard';
import { startAwsEndpointServer, type AwsRefusal, type AwsServiceHandler } from '../preload/AwsEndpointServer';
import { currentCaller } from '../preload/callerContext';
import { handleWireRequest } from '../wire/handleWireRequest';
import { createStsHandler } from './createStsHandler';

/**
 * Which runtime's endpoint the work running now belongs to: each runtime runs its invocations
 * inside its own URL, so with several runtimes in one process a handler reaches its own.
 */
const endpointOfWork = new AsyncLocalStorage<string>();

/** What the endpoints answer from; read when a request arrives (the runtime finishes building after they start). */
export interface HandlerEndpointDeps {
  engine: Engine;
  region: string;
  accountId: string;
  /** The functions' execution role (what STS GetCallerIdentity names). */
  roleName: string;
  functions: () => Map<string, LocalFunction>;
  hub: () => MessagingHub;
  enqueue: (functionKey: string, event: unknown, trigger: InvocationTrigger) => void;
  onRefused?: (refusal: AwsRefusal) => void;
  /** Where the endpoint listens (default 127.0.0.1, a free port); `start` gives it a documented port. */
  listen?: { host?: string; port?: number; fallbackToFreePort?: boolean };
}

export interface HandlerEndpoints {
  url: string;
  /** Makes `fn`'s invocations reach these endpoints (even when a later runtime's guard is on top). */
  adopt(fn: LocalFunction): void;
  /** Uninstalls the guard and stops the server. */
  close(): Promise<void>;
}

/** A messaging protocol handler (SQS JSON, SNS Query, EventBridge JSON) as an endpoint service. */
function messagingService(hub: () => MessagingHub, handle: (hub: MessagingHub, request: MessagingWireRequest) => Promise<MessagingWireReply>): AwsServiceHandler {
  return async (request) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value;
    return handle(hub(), { headers, body: request.body.toString('utf8'), path: request.path });
  };
}

/**
 * Starts the endpoint server handler code reaches through the AWS request guard (DynamoDB and its
 * Streams from the engine's wire protocol, SQS/SNS/EventBridge from the messaging hub, Lambda Invoke
 * against the local functions, STS GetCallerIdentity; anything else refused) and installs the guard, attributing each
 * request to the function whose work sends it.
 */
export async function startHandlerEndpoints(deps: HandlerEndpointDeps): Promise<HandlerEndpoints> {
  const dynamodb: AwsServiceHandler = (request) => handleWireRequest(deps.engine, { headers: request.headers, body: request.body, headerNamesLowerCase: true });
  let lambda: AwsServiceHandler | undefined;
  const start = (port: number | undefined) => startAwsEndpointServer({
    services: {
      dynamodb,
      'streams.dynamodb': dynamodb,
      sqs: messagingService(deps.hub, handleSqsRequest),
      sns: messagingService(deps.hub, handleSnsRequest),
      events: messagingService(deps.hub, handleEventBridgeRequest),
      sts: createStsHandler({
        accountId: deps.accountId,
        roleName: deps.roleName,
        functionName: (key) => (key === undefined ? undefined : deps.functions().get(key)?.model.name),
      }),
      lambda: (request) => (lambda ??= createInvokeHandler({ functions: deps.functions(), region: deps.region, accountId: deps.accountId, enqueue: deps.enqueue }))(request),
    },
    unref: true,
    ...(deps.listen?.host !== undefined && { host: deps.listen.host }),
    ...(port !== undefined && { port }),
    ...(deps.onRefused !== undefined && { onRefused: deps.onRefused }),
  });
  // `start`'s default AWS port may be taken (another local emulator, a second `start`): a free one then.
  const server = await start(deps.listen?.port).catch((error: unknown) => {
    if (deps.listen?.fallbackToFreePort !== true || (error as { code?: string }).code !== 'EADDRINUSE') throw error;
    return start(0);
  });
  const url = server.url;
  const uninstall = requestGuard.install({ target: () => endpointOfWork.getStore() ?? url, caller: currentCaller });
  return {
    url,
    adopt: (fn) => fn.addScope((task) => endpointOfWork.run(url, task)),
    close: async () => {
      uninstall();
      await server.close();
    },
  };
}

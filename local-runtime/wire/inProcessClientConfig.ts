import { createInProcessRequestHandler } from './createInProcessRequestHandler';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { HttpRequest } from '@smithy/protocol-http';
import type { Engine } from '../engine/Engine';

/** The endpoint the in-process clients name (never resolved: no socket is opened). */
export const IN_PROCESS_DYNAMODB_ENDPOINT = 'http://in-process.tidepool';

const NO_AUTH = 'smithy.api#noAuth';

/**
 * DynamoDBClient config that answers from `engine` in this process and does the least work the SDK allows:
 * the request handler runs the engine directly, and the auth scheme is Smithy's `noAuth` — static credentials
 * (no provider chain) and no SigV4 signature is computed (the engine never checks one).
 *
 * @example
 * const client = new DynamoDBClient(inProcessClientConfig(engine));
 */
export function inProcessClientConfig(engine: Engine, region = 'us-east-1'): DynamoDBClientConfig {
  return {
    region,
    endpoint: IN_PROCESS_DYNAMODB_ENDPOINT,
    // Static credentials: endpoint resolution reads an account id from them (no provider chain runs); they sign nothing.
    credentials: { accessKeyId: 'tidepool-local', secretAccessKey: 'tidepool-local' },
    accountIdEndpointMode: 'disabled',
    requestHandler: createInProcessRequestHandler(engine),
    httpAuthSchemes: [{ schemeId: NO_AUTH, identityProvider: () => async () => ({}), signer: { sign: async (request: HttpRequest) => request } }],
    httpAuthSchemeProvider: () => [{ schemeId: NO_AUTH }],
  };
}

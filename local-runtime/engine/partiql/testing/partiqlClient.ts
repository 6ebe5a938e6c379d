import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createInProcessRequestHandler } from '../../../wire/createInProcessRequestHandler';
import type { Engine } from '../../Engine';

/** Test fixture: an SDK v3 client wired to `engine` in process (no socket, one attempt). */
export function partiqlClient(engine: Engine): DynamoDBClient {
  return new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://in-process.tidepool',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: createInProcessRequestHandler(engine),
    maxAttempts: 1,
  });
}

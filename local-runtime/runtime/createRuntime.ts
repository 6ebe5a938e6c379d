import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RealClock, VirtualClock, type Clock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { loadService } from '../service/loadService';
import { validateService } from '../service/validateService';
import { createInProcessRequestHandler } from '../wire/createInProcessRequestHandler';
import { buildFunctions, type HandlerMode } from './buildFunctions';
import { buildHttpApi } from './buildHttpApi';
import { buildMappings } from './buildMappings';
import { buildTables } from './buildTables';
import { installClientConfig, LOCAL_CREDENTIALS, type ClientConfigOverrides } from './clientConfig';
import { ServiceConfigError } from './errors';
import { LocalResources } from './LocalResources';
import { Outbox } from './Outbox';
import { Runtime } from './Runtime';

/** A placeholder endpoint: requests to it never leave the process (the in-process handler answers them). */
const IN_PROCESS_ENDPOINT = 'http://in-process.tidepool';

export interface RuntimeOptions {
  /** Directory holding serverless.yml (default: the current directory). */
  servicePath?: string;
  /** Stage passed to osls (default `dev`). */
  stage?: string;
  /** Region override (default: the service's provider.region). */
  region?: string;
  /** `virtual` (default; tests advance it), `real` (start/serve), or your own Clock. */
  clock?: 'virtual' | 'real' | Clock;
  /** `import` (default) loads handler modules directly; `bundle` loads the esbuild bundle, as deployed. */
  handlers?: HandlerMode;
  /**
   * Where handlers' DynamoDB clients send requests: `in-process` (default, no sockets) or the URL
   * of this engine's HTTP endpoint (what `tidepool start` uses).
   */
  dynamodbEndpoint?: 'in-process' | string | (() => string);
}

/**
 * Builds the whole service described by serverless.yml, locally: tables (from the resources'
 * `AWS::DynamoDB::Table`s) in an embedded engine, every function's handler, the HTTP API and the
 * stream event source mappings.
 *
 * @example
 * const runtime = await createRuntime({ stage: 'dev', clock: 'virtual' });
 * const res = await runtime.http('POST', '/orders', { customerId: 'c-1', items: [...] });
 * await runtime.drain();
 */
export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const servicePath = options.servicePath ?? process.cwd();
  const service = await loadService({
    servicePath,
    stage: options.stage ?? 'dev',
    ...(options.region !== undefined && { region: options.region }),
  });
  const problems = validateService(service);
  if (problems.length > 0) throw new ServiceConfigError(problems.map((p) => `function ${p.function}: ${p.problem}`));

  const clock = makeClock(options.clock);
  const engine = new Engine({ region: service.region, accountId: service.accountId, clock });
  const resources = new LocalResources(service);
  await buildTables(service, engine, resources);

  const inProcess = createInProcessRequestHandler(engine);
  const endpoint = options.dynamodbEndpoint ?? 'in-process';
  // Built at the first invocation: `start` learns its endpoint's port only after the runtime exists.
  let handlerConfig: ClientConfigOverrides | undefined;
  const clientConfig = (): ClientConfigOverrides => {
    const url = typeof endpoint === 'function' ? endpoint() : endpoint;
    return {
      dynamodb:
        url === 'in-process'
          ? { region: service.region, credentials: LOCAL_CREDENTIALS, endpoint: IN_PROCESS_ENDPOINT, requestHandler: inProcess }
          : { region: service.region, credentials: LOCAL_CREDENTIALS, endpoint: url },
    };
  };
  const functions = await buildFunctions(service, resources, options.handlers ?? 'import', () =>
    installClientConfig((handlerConfig ??= clientConfig())),
  );
  const outbox = new Outbox();
  const mappings = buildMappings({ service, functions, resources, source: engine.streams, clock, outbox });
  const httpApi = buildHttpApi(service, functions, clock);

  const dynamodb = new DynamoDBClient({
    region: service.region,
    credentials: LOCAL_CREDENTIALS,
    endpoint: IN_PROCESS_ENDPOINT,
    requestHandler: inProcess,
  });
  const document = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  return new Runtime({ service, clock, engine, resources, functions, mappings, httpApi, outbox, clients: { dynamodb, document } });
}

function makeClock(option: RuntimeOptions['clock']): Clock {
  if (option === undefined || option === 'virtual') return new VirtualClock();
  if (option === 'real') return new RealClock();
  return option;
}

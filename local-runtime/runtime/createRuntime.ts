import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createMessagingRequestHandler } from '../messaging/createMessagingRequestHandler';
import { buildMessaging } from './buildMessaging';
import { RealClock, VirtualClock, type Clock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { openDataDir } from '../persistence/openDataDir';
import { loadService } from '../service/loadService';
import { ServiceError } from '../service/ServiceError';
import type { ServiceModel } from '../service/ServiceModel';
import type { ServiceWarning } from '../service/ServiceWarning';
import { validateService } from '../service/validateService';
import { IN_PROCESS_DYNAMODB_ENDPOINT, inProcessClientConfig } from '../wire/inProcessClientConfig';
import { buildFunctions, type HandlerMode } from './buildFunctions';
import { buildHttpApi } from './buildHttpApi';
import { buildMappings } from './buildMappings';
import { buildTables } from './buildTables';
import { installClientConfig, LOCAL_CREDENTIALS, type ClientConfigOverrides } from './clientConfig';
import { ServiceConfigError } from './errors';
import { LocalResources } from './LocalResources';
import { Outbox } from './Outbox';
import { Runtime } from './Runtime';
import { startHandlerEndpoints } from './startHandlerEndpoints';
import type { LocalFunction } from '../lambda/LocalFunction';
import type { LocalMessaging } from './buildMessaging';
import type { AwsRefusal } from '../preload/AwsEndpointServer';
import type { CapacityOptions } from '../engine/capacity/CapacityModel';
import type { ConsistencyOptions } from '../engine/consistency/ConsistencyModel';

/** The placeholder endpoint in-process clients name (never resolved; the in-process handlers answer). */
const IN_PROCESS_ENDPOINT = IN_PROCESS_DYNAMODB_ENDPOINT;

export interface RuntimeOptions {
  /** Directory holding serverless.yml (default: the current directory). */
  servicePath?: string;
  /** `--stage` for the framework (default: as the framework does, provider.stage, else `dev`). */
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
  /**
   * Told of every AWS request from handler code that was refused because Tidepool does not emulate
   * its service (the handler's SDK call fails with the same message).
   */
  onAwsRefused?: (refusal: AwsRefusal) => void;
  /** Throttling as AWS does it (provisioned capacity with burst, on-demand peaks, hot keys); off by default. `runtime.engine.capacity` has the counters. */
  capacity?: boolean | CapacityOptions;
  /** Stale eventually consistent reads and GSI propagation delay, e.g. `{ readLag: 200, gsiLag: 1000, seed: 1 }` (ms); off by default. */
  consistency?: ConsistencyOptions;
  /**
   * Keep the tables in this directory across runs (`tidepool start --data-dir`): see persistence/DurableEngine.
   * Tables serverless.yml defines that the directory already holds are kept as stored. Close with `closeEngine()`.
   */
  dataDir?: { path: string; repair?: boolean; warn: (message: string) => void };
  /**
   * Where the AWS endpoint (SQS, SNS, EventBridge, Lambda, STS, DynamoDB) listens; default
   * 127.0.0.1 on a free port. `tidepool start` uses `--aws-port` (4566) so `--endpoint-url` reaches it.
   */
  awsEndpoint?: { host?: string; port?: number; fallbackToFreePort?: boolean };
  /**
   * Where invocations run: `worker` (default with `handlers: 'bundle'`): each execution environment
   * is a worker thread with its own `process.env`, globals, modules and heap, stopped on timeout;
   * `in-process` (default with `handlers: 'import'`): environments share this process, so test
   * doubles (`vi.mock`, fake timers) reach handlers and environments cost nothing to start.
   */
  environments?: 'in-process' | 'worker';
  /** The account's concurrent-execution limit shared by every function (default 1000, as on AWS). */
  concurrencyLimit?: number;
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
export async function createRuntime(options?: RuntimeOptions & { clock?: 'virtual' }): Promise<Runtime<VirtualClock>>;
export async function createRuntime(options: RuntimeOptions & { clock: 'real' }): Promise<Runtime<RealClock>>;
export async function createRuntime<C extends Clock>(options: RuntimeOptions & { clock: C }): Promise<Runtime<C>>;
export async function createRuntime(options?: RuntimeOptions): Promise<Runtime>;
export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const servicePath = options.servicePath ?? process.cwd();
  const service = await loadService({
    servicePath,
    ...(options.stage !== undefined && { stage: options.stage }),
    ...(options.region !== undefined && { region: options.region }),
  });
  const { problems, warnings } = validateService(service);
  if (problems.length > 0) throw new ServiceConfigError(problems.map((p) => `function ${p.function}: ${p.problem}`), service.file);
  try {
    return await buildRuntime(service, options, warnings);
  } catch (error) {
    // Problems found while building (options, filter patterns, authorizers, references) also name the file.
    if (error instanceof ServiceConfigError && error.file === undefined) throw new ServiceConfigError(error.problems, service.file);
    if (error instanceof ServiceError && error.code !== 'service.sls_failed') throw new ServiceConfigError([error.message], service.file);
    throw error;
  }
}

async function buildRuntime(service: ServiceModel, options: RuntimeOptions, warnings: ServiceWarning[]): Promise<Runtime> {
  const clock = makeClock(options.clock);
  const engineOptions = {
    region: service.region,
    accountId: service.accountId,
    clock,
    ...(options.capacity !== undefined && { capacity: options.capacity }),
    ...(options.consistency !== undefined && { consistency: options.consistency }),
  };
  const engine = options.dataDir ? await openDataDir(options.dataDir.path, engineOptions, options.dataDir) : new Engine(engineOptions);
  const resources = new LocalResources(service);
  await buildTables(service, engine, resources);

  // No sockets and no request signing: the engine answers in this process.
  const inProcessDynamoDb = inProcessClientConfig(engine, service.region);
  const endpoint = options.dynamodbEndpoint ?? 'in-process';
  // Built at the first invocation: `start` learns its endpoint's port only after the runtime exists.
  let handlerConfig: ClientConfigOverrides | undefined;
  // Assigned below, before any handler runs (handlers only run after createRuntime returns).
  let messagingHandler: ReturnType<typeof createMessagingRequestHandler> | undefined;
  const messagingConfig = () => ({ region: service.region, credentials: LOCAL_CREDENTIALS, endpoint: IN_PROCESS_ENDPOINT, requestHandler: messagingHandler! });
  const clientConfig = (): ClientConfigOverrides => {
    const url = typeof endpoint === 'function' ? endpoint() : endpoint;
    return {
      sqs: messagingConfig(),
      sns: messagingConfig(),
      eventbridge: messagingConfig(),
      dynamodb:
        url === 'in-process'
          ? inProcessDynamoDb
          : { region: service.region, credentials: LOCAL_CREDENTIALS, endpoint: url },
    };
  };
  // Handler code's own SDK clients (v2 or v3, any version) reach these endpoints through the AWS
  // request guard, installed before handler modules load; `lib/aws` clients keep the in-process path.
  let built: { functions: Map<string, LocalFunction>; messaging: LocalMessaging } | undefined;
  const ready = () => {
    if (built === undefined) throw new Error('Tidepool runtime: an AWS request arrived before the runtime finished building');
    return built;
  };
  const endpoints = await startHandlerEndpoints({
    engine,
    region: service.region,
    accountId: service.accountId,
    // The role osls creates for the service's functions.
    roleName: `${service.service}-${service.stage}-${service.region}-lambdaRole`,
    functions: () => ready().functions,
    hub: () => ready().messaging.hub,
    enqueue: (key, event, trigger) => ready().messaging.asyncInvoker.enqueue(key, event, trigger),
    ...(options.onAwsRefused !== undefined && { onRefused: options.onAwsRefused }),
    ...(options.awsEndpoint !== undefined && { listen: options.awsEndpoint }),
  });
  // Set once the functions exist: a service that fails to build later ends their environments too.
  let closeBuilt: (() => Promise<void>) | undefined;
  try {
    const handlers = options.handlers ?? 'import';
    const { functions, reloadHandlers, initErrors, close: closeFunctions } = await buildFunctions(service, resources, handlers, () =>
      installClientConfig((handlerConfig ??= clientConfig())),
    {
      environments: options.environments ?? (handlers === 'bundle' ? 'worker' : 'in-process'),
      awsEndpoint: endpoints.url, clock,
      ...(options.concurrencyLimit !== undefined && { concurrencyLimit: options.concurrencyLimit }),
    });
    closeBuilt = closeFunctions;
    for (const fn of functions.values()) {
      endpoints.adopt(fn);
    }
    const outbox = new Outbox();
    const mappings = buildMappings({ service, functions, resources, source: engine.streams, clock, outbox });
    const httpApi = buildHttpApi(service, functions, clock);
    const messaging = buildMessaging({ service, functions, resources, clock, outbox });
    built = { functions, messaging };
    messagingHandler = createMessagingRequestHandler(messaging.hub);

    const dynamodb = new DynamoDBClient(inProcessDynamoDb);
    const document = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
    const sqs = new SQSClient(messagingConfig());
    const sns = new SNSClient(messagingConfig());
    const eventbridge = new EventBridgeClient(messagingConfig());
    return new Runtime({
      service, clock, engine, resources, functions, mappings, httpApi, outbox, messaging, reloadHandlers, initErrors,
      warnings: [...warnings, ...messaging.warnings],
      clients: { dynamodb, document, sqs, sns, eventbridge },
      awsEndpoint: { url: endpoints.url, close: async () => { await closeFunctions(); await endpoints.close(); } },
    });
  } catch (error) {
    // A service that cannot be built leaves no guard installed and no server listening.
    await closeBuilt?.();
    await endpoints.close();
    throw error;
  }
}

function makeClock(option: RuntimeOptions['clock']): Clock {
  if (option === undefined || option === 'virtual') return new VirtualClock();
  if (option === 'real') return new RealClock();
  return option;
}

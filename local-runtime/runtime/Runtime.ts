import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '../clock/Clock';
import type { Engine } from '../engine/Engine';
import type { HttpApi } from '../http-api/HttpApi';
import type { LocalFunction } from '../lambda/LocalFunction';
import type { InvocationRecord } from '../lambda/types';
import type { StreamMapping } from '../mappings/StreamMapping';
import type { ServiceModel } from '../service/ServiceModel';
import type { ServiceWarning } from '../service/ServiceWarning';
import type { FunctionInitFailure } from './buildFunctions';
import { DrainError } from './errors';
import type { LocalResources } from './LocalResources';
import type { Outbox, OutboxMessage } from './Outbox';
import { StreamPump } from './StreamPump';
import { startTtlTimer } from '../engine/ttl/startTtlTimer';
import type { LocalMessaging } from './buildMessaging';
import { StuckBatchError } from '../messaging/SqsPoller';

export interface RuntimeParts<C extends Clock = Clock> {
  service: ServiceModel;
  clock: C;
  engine: Engine;
  resources: LocalResources;
  functions: Map<string, LocalFunction>;
  /** Loads every handler again (see buildFunctions); the previous ones stay if any fails to build. */
  reloadHandlers: () => Promise<number>;
  /** Functions whose Init failed and has not succeeded since (see buildFunctions); default none. */
  initErrors?: () => FunctionInitFailure[];
  mappings: StreamMapping[];
  httpApi: HttpApi;
  outbox: Outbox;
  clients: {
    dynamodb: DynamoDBClient;
    document: DynamoDBDocumentClient;
    sqs: SQSClient;
    sns: SNSClient;
    eventbridge: EventBridgeClient;
  };
  /** Local SQS/SNS/EventBridge: queue pollers and asynchronous deliveries that `drain()` runs. */
  messaging: LocalMessaging;
  /** What the service uses that is not emulated (see service/notEmulated.ts); default none. */
  warnings?: ServiceWarning[];
  /** The endpoint handler code's own AWS clients reach (through the AWS request guard); closed by `close()`. */
  awsEndpoint?: { url: string; close(): Promise<void> };
}

/** A response from `runtime.http()`: API Gateway's answer, with the body parsed when it is JSON. */
export interface RuntimeHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  /** `JSON.parse(body)`, or undefined when the body is not JSON. */
  json: unknown;
}

/** Polls that may run in one `drain()` before it gives up on a mapping that never settles. */
const MAX_DRAIN_ROUNDS = 10_000;

/** The local service: what `createRuntime` returns (`C` is `VirtualClock` with `clock: 'virtual'`). */
export class Runtime<C extends Clock = Clock> {
  readonly service: ServiceModel;
  readonly clock: C;
  readonly engine: Engine;
  readonly resources: LocalResources;
  readonly functions: Map<string, LocalFunction>;
  readonly mappings: StreamMapping[];
  readonly httpApi: HttpApi;
  readonly clients: RuntimeParts['clients'];
  readonly messaging: LocalMessaging;
  /**
   * Everything in the service that is not emulated locally, each with what happens instead
   * (`formatWarning` renders one line); `start` and `invoke` print them once at start.
   */
  readonly warnings: readonly ServiceWarning[];
  /** URL of the endpoint server handler code's own AWS clients are redirected to (undefined when none). */
  readonly awsEndpointUrl: string | undefined;
  #awsEndpoint: RuntimeParts['awsEndpoint'];
  readonly #outbox: Outbox;
  readonly #reloadHandlers: () => Promise<number>;
  readonly #initErrors: () => FunctionInitFailure[];
  #reportedAsyncFailures = 0;
  readonly #invocations: InvocationRecord[] = [];
  readonly #listeners = new Set<(record: InvocationRecord) => void>();
  #pump: StreamPump | undefined;
  #stopTtl: (() => void) | undefined;

  constructor(parts: RuntimeParts<C>) {
    this.service = parts.service;
    this.clock = parts.clock;
    this.engine = parts.engine;
    this.resources = parts.resources;
    this.functions = parts.functions;
    this.mappings = parts.mappings;
    this.httpApi = parts.httpApi;
    this.clients = parts.clients;
    this.#outbox = parts.outbox;
    this.#reloadHandlers = parts.reloadHandlers;
    this.#initErrors = parts.initErrors ?? (() => []);
    this.messaging = parts.messaging;
    this.warnings = parts.warnings ?? [];
    this.#awsEndpoint = parts.awsEndpoint;
    this.awsEndpointUrl = parts.awsEndpoint?.url;
    for (const fn of this.functions.values()) {
      fn.onInvocation((record) => {
        this.#invocations.push(record);
        for (const listener of this.#listeners) listener(record);
      });
    }
  }

  /** Sends a request to the HTTP API, in-process. Objects are sent as JSON; `path` may carry a query string. */
  async http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RuntimeHttpResponse> {
    const [rawPath = '/', query = ''] = path.split('?', 2);
    const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
    const allHeaders = text !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json', ...headers } : headers;
    const response = await this.httpApi.handle({
      method,
      path: rawPath,
      query,
      headers: allHeaders,
      ...(text !== undefined && { body: text }),
    });
    return { statusCode: response.statusCode, headers: response.headers, body: response.body, json: parseJson(response.body) };
  }

  /**
   * Runs every stream mapping, SQS queue mapping and pending asynchronous delivery (SNS,
   * EventBridge) until none has anything left to do (batch windows, stream retry waits and
   * visibility timeouts are not waited for, and the clock does not move). Throws a `DrainError` carrying the failing batch or event if a handler keeps
   * failing past its retry budget: a stream mapping that never settles (unlimited retries), an SQS
   * message without a dead-letter queue, an async event after Lambda's two retries.
   * It first sweeps TTL (`engine.ttl.sweep()`): items expired at the clock's now are deleted with
   * service-marked REMOVE records, so `clock.advance(ms)` then `drain()` runs expiry and its consumers.
   */
  async drain(): Promise<{ rounds: number }> {
    this.engine.ttl.sweep();
    for (let rounds = 0; ; rounds++) {
      const busy: StreamMapping[] = [];
      for (const mapping of this.mappings) {
        if (await mapping.poll({ flush: true })) busy.push(mapping);
      }
      const messagingBusy = await this.#pollMessaging();
      if (busy.length === 0 && !messagingBusy) {
        this.#throwAsyncFailures();
        return { rounds };
      }
      if (rounds >= MAX_DRAIN_ROUNDS) {
        const stuckKey = busy[0]?.functionKey ?? this.#invocations.at(-1)?.functionKey ?? '?';
        const lastError = this.invocations(stuckKey).findLast((i) => i.outcome !== 'success')?.error;
        throw new DrainError(stuckKey, rounds, lastError);
      }
    }
  }

  async #pollMessaging(): Promise<boolean> {
    // Schedules that fell due on the clock, in time order, become pending async invocations.
    let worked = this.messaging.hub.scheduler.fireDue() > 0;
    for (const poller of this.messaging.pollers) {
      try {
        if (await poller.poll({ flush: true })) worked = true;
      } catch (error) {
        if (error instanceof StuckBatchError) throw new DrainError(error.functionKey, 0, error.lastError, error.batch);
        throw error;
      }
    }
    // Only what is pending now: events published by these invocations wait for the next round,
    // so a handler that keeps triggering itself is caught by MAX_DRAIN_ROUNDS.
    for (let pending = this.messaging.asyncInvoker.pending; pending > 0; pending--) {
      if (await this.messaging.asyncInvoker.poll()) worked = true;
    }
    return worked;
  }

  #throwAsyncFailures(): void {
    const failures = this.messaging.asyncInvoker.failures;
    const failure = failures[this.#reportedAsyncFailures];
    if (failure === undefined) return;
    this.#reportedAsyncFailures = failures.length;
    throw new DrainError(failure.functionKey, 0, failure.lastError, failure.event);
  }

  /**
   * Functions whose Init failed (module not found, export missing, syntax error, an error thrown
   * while the module loaded), with Lambda's error payload; empty when every handler loaded. Each
   * invocation of such a function retries its Init first, so the list shrinks once it loads.
   */
  get initErrors(): FunctionInitFailure[] {
    return this.#initErrors();
  }

  /** Invocations so far, oldest first; only those of `functionKey` when given. */
  invocations(functionKey?: string): InvocationRecord[] {
    return functionKey === undefined ? [...this.#invocations] : this.#invocations.filter((i) => i.functionKey === functionKey);
  }

  /** Calls `listener` after every invocation of any function. Returns an unsubscribe function. */
  onInvocation(listener: (record: InvocationRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Messages sent to a queue, topic or bus (by handlers through the SDK, or by the runtime, e.g.
   * on-failure records), oldest first. `target`: logical id, ARN, or queue/topic/bus name.
   */
  messages(target?: string): OutboxMessage[] {
    return this.#outbox.list(target);
  }

  /**
   * Keeps the stream mappings, SQS queue mappings and async deliveries running on their own (for
   * `tidepool start`): new records are processed as they arrive, queues on the pump's interval.
   */
  /**
   * Rebuilds and reloads every function's handler (`tidepool start --watch`). Tables, streams and
   * mappings keep their state. If a handler fails to build, nothing is swapped and the error is thrown.
   */
  reloadHandlers(): Promise<number> {
    return this.#reloadHandlers();
  }

  startPolling(onError: (error: unknown) => void): void {
    this.#pump ??= new StreamPump(
      this.engine.streams,
      [...this.mappings, ...this.messaging.pollers, { poll: async () => this.messaging.hub.scheduler.fireDue() > 0 }, { poll: () => this.messaging.asyncInvoker.poll() }],
      onError,
    );
    this.#pump.start();
    this.#stopTtl ??= startTtlTimer(this.engine.ttl, onError);
  }

  /**
   * Stops background polling and waits for the batch in flight, then stops redirecting handler
   * code's AWS requests to this runtime (uninstalls its guard, closes its endpoint server).
   */
  async close(): Promise<void> {
    this.#stopTtl?.();
    this.#stopTtl = undefined;
    await this.#pump?.stop();
    const endpoint = this.#awsEndpoint;
    this.#awsEndpoint = undefined;
    await endpoint?.close();
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

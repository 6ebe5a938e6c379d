import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../clock/Clock';
import type { Engine } from '../engine/Engine';
import type { HttpApi } from '../http-api/HttpApi';
import type { LocalFunction } from '../lambda/LocalFunction';
import type { InvocationRecord } from '../lambda/types';
import type { StreamMapping } from '../mappings/StreamMapping';
import type { ServiceModel } from '../service/ServiceModel';
import { DrainError } from './errors';
import type { LocalResources } from './LocalResources';
import type { Outbox, OutboxMessage } from './Outbox';
import { StreamPump } from './StreamPump';

export interface RuntimeParts {
  service: ServiceModel;
  clock: Clock;
  engine: Engine;
  resources: LocalResources;
  functions: Map<string, LocalFunction>;
  mappings: StreamMapping[];
  httpApi: HttpApi;
  outbox: Outbox;
  clients: { dynamodb: DynamoDBClient; document: DynamoDBDocumentClient };
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

/** The local service: what `createRuntime` returns. */
export class Runtime {
  readonly service: ServiceModel;
  readonly clock: Clock;
  readonly engine: Engine;
  readonly resources: LocalResources;
  readonly functions: Map<string, LocalFunction>;
  readonly mappings: StreamMapping[];
  readonly httpApi: HttpApi;
  readonly clients: RuntimeParts['clients'];
  readonly #outbox: Outbox;
  readonly #invocations: InvocationRecord[] = [];
  readonly #listeners = new Set<(record: InvocationRecord) => void>();
  #pump: StreamPump | undefined;

  constructor(parts: RuntimeParts) {
    this.service = parts.service;
    this.clock = parts.clock;
    this.engine = parts.engine;
    this.resources = parts.resources;
    this.functions = parts.functions;
    this.mappings = parts.mappings;
    this.httpApi = parts.httpApi;
    this.clients = parts.clients;
    this.#outbox = parts.outbox;
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
   * Runs every stream mapping until none has anything left to do (batch windows are not waited
   * for). Throws a `DrainError` if a mapping never settles (a handler failing with unlimited retries).
   */
  async drain(): Promise<{ rounds: number }> {
    for (let rounds = 0; ; rounds++) {
      const busy: StreamMapping[] = [];
      for (const mapping of this.mappings) {
        if (await mapping.poll({ flush: true })) busy.push(mapping);
      }
      if (busy.length === 0) return { rounds };
      if (rounds >= MAX_DRAIN_ROUNDS) {
        const stuck = busy[0]!;
        const lastError = this.invocations(stuck.functionKey).findLast((i) => i.outcome !== 'success')?.error;
        throw new DrainError(stuck.functionKey, rounds, lastError);
      }
    }
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

  /** Messages the runtime delivered to a destination (logical id or ARN), e.g. on-failure records. */
  messages(target?: string): OutboxMessage[] {
    return this.#outbox.list(target);
  }

  /** Keeps the stream mappings running on their own (for `tidepool start`): new records are processed as they arrive. */
  startPolling(onError: (error: unknown) => void): void {
    this.#pump ??= new StreamPump(this.engine.streams, this.mappings, onError);
    this.#pump.start();
  }

  /** Stops background polling and waits for the batch in flight. */
  async close(): Promise<void> {
    await this.#pump?.stop();
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

import type { InvocationRecord } from '../lambda/types';
import { evaluatePolicy } from '../rest-api/authorizers/evaluatePolicy';

/** A Lambda authorizer of `provider.httpApi.authorizers` (`type: request`). */
export interface LambdaAuthorizerConfig {
  name: string;
  functionKey: string;
  /** `$request.header.Authorization`, `$request.querystring.x`, `$context.x`, `$stageVariables.x`; empty: no check, no cache. */
  identitySource: string[];
  resultTtlInSeconds: number;
  payloadVersion: '1.0' | '2.0';
  enableSimpleResponses: boolean;
}

/** The outcome of a Lambda authorizer for one request. */
export type LambdaDecision =
  | { allowed: true; context: Record<string, unknown> }
  | { allowed: false; statusCode: 401 | 403 | 500; reason: string };

/** What a request gives its authorizer: both payload shapes (one is sent) and the identity values. */
export interface LambdaAuthorizerRequest {
  routeArn: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  /** The request as a payload 2.0 event and as a payload 1.0 event (built only when needed). */
  eventV2: Record<string, unknown>;
  eventV1: () => Record<string, unknown>;
  nowMs: number;
}

/**
 * API Gateway's Lambda authorizer for HTTP APIs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html):
 * a missing identity source is 401 without calling the function; the function gets a payload 2.0
 * (`type: REQUEST`, `routeArn`, `identitySource`) or 1.0 (`methodArn`) event and answers a simple
 * response (`isAuthorized`, `context`; with `enableSimpleResponses`) or an IAM policy; false or a
 * policy that does not allow the route is 403 Forbidden, an error or another answer 500. Results are
 * cached by identity values for `resultTtlInSeconds`.
 */
export class LambdaAuthorizer {
  readonly #cache = new Map<string, { expiresAtMs: number; answer: Record<string, unknown> }>();

  constructor(readonly config: LambdaAuthorizerConfig, readonly invoke: (functionKey: string, event: unknown) => Promise<InvocationRecord>) {}

  async authorize(request: LambdaAuthorizerRequest): Promise<LambdaDecision> {
    const values: string[] = [];
    for (const source of this.config.identitySource) {
      const value = readSource(source, request);
      if (value === undefined || value === '') return { allowed: false, statusCode: 401, reason: `identity source ${source} is missing or empty` };
      values.push(value);
    }
    const key = values.join('\u0000');
    const useCache = this.config.resultTtlInSeconds > 0 && values.length > 0;
    let answer = useCache ? this.#cache.get(key) : undefined;
    if (answer === undefined || answer.expiresAtMs <= request.nowMs) {
      const event = this.config.payloadVersion === '2.0'
        ? { ...request.eventV2, type: 'REQUEST', routeArn: request.routeArn, identitySource: values }
        : { ...request.eventV1(), type: 'REQUEST', methodArn: request.routeArn, identitySource: values.join(',') };
      const record = await this.invoke(this.config.functionKey, event);
      if (record.outcome !== 'success') return { allowed: false, statusCode: 500, reason: `authorizer ${this.config.name} ${record.outcome === 'timeout' ? 'timed out' : `failed: ${record.error?.errorMessage ?? '?'}`}` };
      if (typeof record.result !== 'object' || record.result === null) return { allowed: false, statusCode: 500, reason: `authorizer ${this.config.name} returned ${JSON.stringify(record.result)}` };
      answer = { expiresAtMs: request.nowMs + this.config.resultTtlInSeconds * 1000, answer: record.result as Record<string, unknown> };
      if (useCache) this.#cache.set(key, answer);
    }
    return this.#decide(answer.answer, request.routeArn);
  }

  #decide(answer: Record<string, unknown>, routeArn: string): LambdaDecision {
    const context = (answer['context'] ?? {}) as Record<string, unknown>;
    if (this.config.enableSimpleResponses && this.config.payloadVersion === '2.0') {
      if (typeof answer['isAuthorized'] !== 'boolean') return { allowed: false, statusCode: 500, reason: `authorizer ${this.config.name} answered without a boolean isAuthorized` };
      return answer['isAuthorized'] ? { allowed: true, context } : { allowed: false, statusCode: 403, reason: `authorizer ${this.config.name} answered isAuthorized: false` };
    }
    const effect = evaluatePolicy(answer['policyDocument'], routeArn);
    if (effect === undefined || answer['principalId'] === undefined) return { allowed: false, statusCode: 500, reason: `authorizer ${this.config.name} answered no principalId or no valid policyDocument` };
    if (effect === 'deny') return { allowed: false, statusCode: 403, reason: `the policy of ${String(answer['principalId'])} does not allow ${routeArn}` };
    return { allowed: true, context: { ...context, principalId: answer['principalId'] } };
  }
}

function readSource(source: string, request: LambdaAuthorizerRequest): string | undefined {
  const header = /^\$request\.header\.(.+)$/i.exec(source);
  if (header) return request.headers[(header[1] as string).toLowerCase()];
  const query = /^\$request\.querystring\.(.+)$/i.exec(source);
  if (query) return request.query[query[1] as string];
  return undefined;
}

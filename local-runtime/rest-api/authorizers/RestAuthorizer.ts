import type { Clock } from '../../clock/Clock';
import type { JwtAuthorizer } from '../../http-api/jwt/JwtAuthorizer';
import type { InvocationRecord } from '../../lambda/types';
import type { RestApiEvent, RestAuthorizerConfig } from '../types';
import { evaluatePolicy } from './evaluatePolicy';
import { readIdentitySources, type IdentityRequest } from './identitySource';

/** What an authorizer decided about one request. */
export type AuthorizerDecision =
  | { kind: 'allow'; authorizer: Record<string, unknown>; principalId?: string; usageIdentifierKey?: string; cached: boolean }
  /** 401 Unauthorized (no identity, failed validation, a token the authorizer refused). */
  | { kind: 'unauthorized'; reason: string }
  /** 403 AccessDenied: the policy does not allow this method ARN. */
  | { kind: 'denied'; reason: string; cached: boolean }
  /** 500 AuthorizerConfigurationException: the authorizer failed or answered nonsense. */
  | { kind: 'error'; reason: string };

/** What a request offers its authorizer. */
export interface AuthorizerRequest {
  methodArn: string;
  identity: IdentityRequest;
  /** The payload 1.0 event of the request (REQUEST authorizers receive its fields). */
  event: RestApiEvent;
}

interface CachedPolicy {
  expiresAtMs: number;
  principalId: string;
  policyDocument: unknown;
  context: Record<string, string>;
  usageIdentifierKey?: string;
}

export interface RestAuthorizerDeps {
  invoke: (functionKey: string, event: unknown) => Promise<InvocationRecord>;
  clock: Clock;
  /** Cognito user-pool authorizers: the JWT checker over the local key set. */
  jwt?: JwtAuthorizer;
}

/**
 * A REST API authorizer: Lambda TOKEN or REQUEST
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html)
 * or a Cognito user pool. A missing identity source or a token that fails
 * `identityValidationExpression` is 401 without calling the function; an authorizer error with the
 * message `Unauthorized` is 401; any other error or an invalid answer is 500. The returned policy
 * is cached for `resultTtlInSeconds` on the runtime clock, keyed by the identity source values, and
 * evaluated against each request's own method ARN (a cached policy for one path can deny another).
 */
export class RestAuthorizer {
  readonly config: RestAuthorizerConfig;
  readonly #deps: RestAuthorizerDeps;
  readonly #cache = new Map<string, CachedPolicy>();

  constructor(config: RestAuthorizerConfig, deps: RestAuthorizerDeps) {
    this.config = config;
    this.#deps = deps;
  }

  async authorize(request: AuthorizerRequest): Promise<AuthorizerDecision> {
    const { config } = this;
    if (config.type === 'COGNITO_USER_POOLS') return this.#cognito(request);
    const values = config.identitySource.length === 0 ? [] : readIdentitySources(config.identitySource, request.identity);
    if (values === undefined) return { kind: 'unauthorized', reason: `identity source ${config.identitySource.join(', ')} is missing or empty` };
    const token = values[0] ?? '';
    if (config.type === 'TOKEN' && config.identityValidationExpression !== undefined && !new RegExp(`^(?:${config.identityValidationExpression})$`).test(token)) {
      return { kind: 'unauthorized', reason: `the token does not match identityValidationExpression ${config.identityValidationExpression}` };
    }
    const cacheKey = values.join('\u0000');
    const nowMs = this.#deps.clock.now();
    const useCache = config.resultTtlInSeconds > 0 && values.length > 0;
    let entry = useCache ? this.#cache.get(cacheKey) : undefined;
    const cached = entry !== undefined && entry.expiresAtMs > nowMs;
    if (!cached) {
      const answer = await this.#invoke(request, token);
      if ('kind' in answer) return answer;
      entry = { ...answer, expiresAtMs: nowMs + config.resultTtlInSeconds * 1000 };
      if (useCache) this.#cache.set(cacheKey, entry);
    }
    const policy = entry as CachedPolicy;
    const effect = evaluatePolicy(policy.policyDocument, request.methodArn);
    if (effect === undefined) return { kind: 'error', reason: 'the policyDocument is not a valid IAM policy' };
    if (effect === 'deny') return { kind: 'denied', reason: `the policy of principal ${policy.principalId} does not allow ${request.methodArn}`, cached };
    return {
      kind: 'allow',
      authorizer: { ...policy.context, principalId: policy.principalId, integrationLatency: 0 },
      principalId: policy.principalId,
      ...(policy.usageIdentifierKey !== undefined && { usageIdentifierKey: policy.usageIdentifierKey }),
      cached,
    };
  }

  /** Drops every cached policy. */
  clearCache(): void {
    this.#cache.clear();
  }

  async #invoke(request: AuthorizerRequest, token: string): Promise<Omit<CachedPolicy, 'expiresAtMs'> | Exclude<AuthorizerDecision, { kind: 'allow' }>> {
    const { config } = this;
    const event = config.type === 'TOKEN'
      ? { type: 'TOKEN', authorizationToken: token, methodArn: request.methodArn }
      : { type: 'REQUEST', methodArn: request.methodArn, ...request.event };
    const record = await this.#deps.invoke(config.functionKey as string, event);
    if (record.outcome !== 'success') {
      if (record.error?.errorMessage === 'Unauthorized') return { kind: 'unauthorized', reason: `authorizer ${config.name} answered Unauthorized` };
      return { kind: 'error', reason: `authorizer ${config.name} ${record.outcome === 'timeout' ? 'timed out' : `failed: ${record.error?.errorMessage ?? '?'}`}` };
    }
    const result = record.result as Record<string, unknown> | null;
    if (typeof result !== 'object' || result === null) return { kind: 'error', reason: `authorizer ${config.name} returned ${JSON.stringify(result)}, not { principalId, policyDocument }` };
    const { principalId, policyDocument, context, usageIdentifierKey } = result;
    if (principalId === undefined || principalId === null || typeof policyDocument !== 'object' || policyDocument === null) {
      return { kind: 'error', reason: `authorizer ${config.name} returned no principalId or no policyDocument` };
    }
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries((context ?? {}) as Record<string, unknown>)) {
      if (value !== null && typeof value === 'object') return { kind: 'error', reason: `authorizer ${config.name}: context.${key} is an object or array; only strings, numbers and booleans are allowed` };
      flat[key] = String(value);
    }
    return {
      principalId: String(principalId),
      policyDocument,
      context: flat,
      ...(typeof usageIdentifierKey === 'string' && { usageIdentifierKey }),
    };
  }

  async #cognito(request: AuthorizerRequest): Promise<AuthorizerDecision> {
    const jwt = this.#deps.jwt;
    if (jwt === undefined) return { kind: 'error', reason: `authorizer ${this.config.name} has no JWT checker` };
    const decision = await jwt.authorize({ headers: request.identity.headers, query: request.identity.query }, this.config.scopes ?? [], this.#deps.clock.now());
    if (!decision.allowed) return { kind: 'unauthorized', reason: decision.reason };
    return { kind: 'allow', authorizer: { claims: decision.claims }, cached: false };
  }
}

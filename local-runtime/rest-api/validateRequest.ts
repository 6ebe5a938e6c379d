import { Ajv, type ValidateFunction } from 'ajv';
import type { RestApiEvent, RestRequestRules } from './types';

/**
 * Request validation of a REST API method
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html):
 * required query strings, headers and path parameters, then the body against the JSON Schema of
 * its content type (`application/json` when the request has none). Returns API Gateway's 400
 * message, or undefined when the request is valid.
 */
export class RequestValidator {
  readonly #rules: RestRequestRules;
  readonly #schemas = new Map<string, ValidateFunction>();

  constructor(rules: RestRequestRules) {
    this.#rules = rules;
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const [contentType, schema] of Object.entries(rules.schemas)) {
      const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
      this.#schemas.set(contentType.toLowerCase(), ajv.compile(rest));
    }
  }

  /** The 400 message for `event`, or undefined. */
  check(event: RestApiEvent): string | undefined {
    const missing: string[] = [];
    const headers = new Map(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [name, required] of Object.entries(this.#rules.querystrings)) {
      if (required && event.queryStringParameters?.[name] === undefined) missing.push(name);
    }
    for (const [name, required] of Object.entries(this.#rules.headers)) {
      if (required && !headers.has(name.toLowerCase())) missing.push(name);
    }
    for (const [name, required] of Object.entries(this.#rules.paths)) {
      if (required && (event.pathParameters?.[name] ?? '') === '') missing.push(name);
    }
    if (missing.length > 0) return `Missing required request parameters: [${missing.join(', ')}]`;
    if (this.#schemas.size === 0) return undefined;
    const contentType = (headers.get('content-type') ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
    const validate = this.#schemas.get(contentType);
    if (validate === undefined) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body ?? '');
    } catch {
      return 'Invalid request body';
    }
    return validate(body) ? undefined : 'Invalid request body';
  }
}

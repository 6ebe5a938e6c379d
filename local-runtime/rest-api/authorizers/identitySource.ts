/** The request values an authorizer's identity sources read. */
export interface IdentityRequest {
  headers: Record<string, string>;
  query: Record<string, string>;
  stageVariables: Record<string, string>;
  /** `$context.*` values (e.g. `httpMethod`). */
  context: Record<string, string>;
}

/**
 * Reads the identity sources of a REST API authorizer
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html):
 * `method.request.header.X` (case-insensitive), `method.request.querystring.X`,
 * `stageVariables.X`, `context.X`. Returns undefined when one is missing or empty: API Gateway then
 * answers 401 without calling the authorizer.
 */
export function readIdentitySources(sources: string[], request: IdentityRequest): string[] | undefined {
  const values: string[] = [];
  for (const source of sources) {
    const value = readOne(source.trim(), request);
    if (value === undefined || value === '') return undefined;
    values.push(value);
  }
  return values;
}

function readOne(source: string, request: IdentityRequest): string | undefined {
  const header = /^method\.request\.header\.(.+)$/i.exec(source);
  if (header) return request.headers[(header[1] as string).toLowerCase()];
  const query = /^method\.request\.querystring\.(.+)$/i.exec(source);
  if (query) return request.query[query[1] as string];
  const stage = /^stageVariables\.(.+)$/.exec(source);
  if (stage) return request.stageVariables[stage[1] as string];
  const context = /^context\.(.+)$/.exec(source);
  if (context) return request.context[context[1] as string];
  return undefined;
}

/** Whether an identity source is one of the forms API Gateway accepts. */
export function isValidIdentitySource(source: string): boolean {
  return /^(method\.request\.(header|querystring)\.[^\s]+|stageVariables\.[^\s]+|context\.[^\s]+)$/i.test(source.trim());
}

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as v from 'valibot';
import { schemaIssues } from '../schema/schemaIssues';
import { MalformedJsonError, RequestValidationError, type FieldIssue } from './errors';
import { fieldIssues } from './fieldIssues';

/** Schemas for the parts of a request a route validates. */
export interface RouteSchemas {
  path?: v.GenericSchema;
  query?: v.GenericSchema;
  body?: v.GenericSchema;
}

/** The validated parts: each is the schema's output, or `undefined` where no schema was given. */
export type ParsedRequest<S extends RouteSchemas> = {
  [K in keyof RouteSchemas]-?: S[K] extends v.GenericSchema ? v.InferOutput<S[K]> : undefined;
};

/** Decodes (base64 when flagged) and JSON-parses the body; an absent or empty body is `undefined`. */
function readBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MalformedJsonError(error);
  }
}

/**
 * Validates path parameters, query string parameters and the JSON body against their schemas.
 * Collects the issues of every part before failing with one {@link RequestValidationError}.
 */
export function parseRequest<S extends RouteSchemas>(schemas: S, event: APIGatewayProxyEventV2): ParsedRequest<S> {
  const parts = {
    path: () => event.pathParameters ?? {},
    query: () => event.queryStringParameters ?? {},
    body: () => readBody(event),
  } as const;
  const issues: FieldIssue[] = [];
  const parsed: Record<string, unknown> = { path: undefined, query: undefined, body: undefined };
  for (const part of ['path', 'query', 'body'] as const) {
    const schema = schemas[part];
    if (schema === undefined) continue;
    const result = v.safeParse(schema, parts[part]());
    if (result.success) parsed[part] = result.output;
    else issues.push(...fieldIssues(part, schemaIssues(result.issues)));
  }
  if (issues.length > 0) throw new RequestValidationError(issues);
  return parsed as ParsedRequest<S>;
}

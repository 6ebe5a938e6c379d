import type { HttpApiResponse } from '../http-api/types';
import type { InvocationRecord } from '../lambda/types';
import type { RestResponse } from './types';

/**
 * A REST API response in the shape the shared HTTP server writes: `Set-Cookie` values as
 * `cookies`, other repeated headers joined with `, `.
 */
export function toHttpResponse(response: RestResponse, route: string | undefined, invocation: InvocationRecord | undefined): HttpApiResponse {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(response.headers)) {
    if (name.toLowerCase() === 'set-cookie') cookies.push(value);
    else headers[name] = value;
  }
  for (const [name, values] of Object.entries(response.multiValueHeaders)) {
    if (name.toLowerCase() === 'set-cookie') cookies.push(...values);
    else headers[name] = values.join(', ');
  }
  return {
    statusCode: response.statusCode,
    headers,
    ...(cookies.length > 0 && { cookies }),
    body: response.body,
    isBase64Encoded: response.isBase64Encoded,
    ...(route !== undefined && { route }),
    ...(invocation !== undefined && { invocation }),
  };
}

import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../lambda/types';
import { mapResponse } from './mapResponse';

// Response format 2.0: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response
const base = { requestId: 'r', functionKey: 'f', functionName: 'svc-f', trigger: { type: 'httpApi', source: 'GET /' }, startedAt: 0, durationMs: 1, event: {} };
const success = (result: unknown): InvocationRecord => ({ ...base, outcome: 'success', result });

describe('mapResponse', () => {
  it('uses a result with statusCode as the response', () => {
    const response = mapResponse(success({ statusCode: 201, headers: { 'Content-Type': 'application/json', 'X-Count': 2 }, cookies: ['a=1'], body: '{"id":"o-1"}' }));

    expect(response).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/json', 'x-count': '2' },
      cookies: ['a=1'],
      body: '{"id":"o-1"}',
      isBase64Encoded: false,
    });
  });

  it('infers 200 application/json with the JSON of any other result', () => {
    expect(mapResponse(success({ id: 'o-1' }))).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"o-1"}', isBase64Encoded: false });
    expect(mapResponse(success('plain')).body).toBe('plain');
    expect(mapResponse(success(null)).body).toBe('null');
    expect(mapResponse(success([1, 2])).body).toBe('[1,2]');
  });

  it('keeps base64 bodies flagged', () => {
    expect(mapResponse(success({ statusCode: 200, body: 'iVBORw==', isBase64Encoded: true })).isBase64Encoded).toBe(true);
  });

  it('answers 500 Internal Server Error for a function error or timeout', () => {
    const error: InvocationRecord = { ...base, outcome: 'error', error: { errorType: 'Error', errorMessage: 'boom' } };
    const timeout: InvocationRecord = { ...base, outcome: 'timeout', error: { errorType: 'Sandbox.Timedout', errorMessage: 'x' } };

    for (const record of [error, timeout]) {
      expect(mapResponse(record)).toEqual({ statusCode: 500, headers: { 'content-type': 'application/json' }, body: '{"message":"Internal Server Error"}', isBase64Encoded: false });
    }
  });

  it('answers 500 for a malformed structured response', () => {
    expect(mapResponse(success({ statusCode: 'abc' })).statusCode).toBe(500);
    expect(mapResponse(success({ statusCode: 200, body: { not: 'a string' } })).statusCode).toBe(500);
  });
});

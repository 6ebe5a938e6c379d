import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { fakeFunctions, restService } from '../rest-api/testing/restService';
import { buildHttpApi } from '../runtime/buildHttpApi';

describe('HTTP API payload limits', () => {
  const { functions, calls } = fakeFunctions({ f: () => ({ statusCode: 200, body: '' }) });
  const api = buildHttpApi(restService({ f: [{ httpApi: 'POST /x' }] }), functions, new VirtualClock());

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html (10 MB payload)
  it('refuses a body over 10 MB with 413 and invokes nothing', async () => {
    const response = await api.handle({ method: 'POST', path: '/x', body: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect([response.statusCode, response.body]).toEqual([413, '{"message":"Request Entity Too Large"}']);
    expect(calls).toHaveLength(0);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (6 MB synchronous invocation payload)
  it('refuses an event over 6 MB (a binary body grows by base64) and serves one under it', async () => {
    expect((await api.handle({ method: 'POST', path: '/x', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(5 * 1024 * 1024) })).statusCode).toBe(413);
    expect((await api.handle({ method: 'POST', path: '/x', headers: { 'content-type': 'text/plain' }, body: 'a'.repeat(5 * 1024 * 1024) })).statusCode).toBe(200);
    expect(calls).toHaveLength(1);
  });
});

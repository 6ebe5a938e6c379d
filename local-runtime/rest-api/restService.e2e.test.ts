import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../runtime/createRuntime';
import type { Runtime } from '../runtime/Runtime';
import type { VirtualClock } from '../clock/Clock';

/**
 * A REST API service (http events) from its own serverless.yml, end to end: the handlers' SDK
 * clients write to the local table, the Lambda authorizer runs, and both `runtime.http()` and the
 * HTTP server `tidepool start` uses serve `/{stage}/…` (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-call-api.html).
 */
describe('a REST API service', () => {
  let runtime: Runtime<VirtualClock>;
  beforeAll(async () => {
    runtime = await createRuntime({ servicePath: join(import.meta.dirname, 'fixtures/rest-service'), clock: 'virtual' });
  }, 60_000);
  afterAll(async () => runtime?.close());

  it('serves the methods in-process under /dev, with the authorizer and the API key', async () => {
    const created = await runtime.http('POST', '/dev/todos', { id: 't1', text: 'milk' });
    expect(created.statusCode).toBe(201);
    expect(created.json).toEqual({ id: 't1', text: 'milk', stage: 'dev' });
    expect((await runtime.http('GET', '/dev/todos/t1')).statusCode).toBe(401);
    const got = await runtime.http('GET', '/dev/todos/t1', undefined, { Authorization: 'let-me-in' });
    expect(got.json).toMatchObject({ id: 't1', user: 'user-7' });
    expect((await runtime.http('GET', '/dev/report')).statusCode).toBe(403);
    expect((await runtime.http('GET', '/dev/report', undefined, { 'x-api-key': 'partner-key-0123456789abcdefghij' })).statusCode).toBe(200);
    expect(runtime.invocations('auth').at(-1)?.trigger.type).toBe('authorizer');
    expect(runtime.warnings.map((w) => w.message).join('\n')).not.toContain('REST API (http) events are not served');
  });

  it('serves them over HTTP as tidepool start does, headers in the client case', async () => {
    const server = await runtime.httpApi.listen({ port: 0 });
    try {
      const preflight = await fetch(`${server.url}/dev/todos`, { method: 'OPTIONS', headers: { Origin: 'https://app.example' } });
      expect(preflight.status).toBe(200);
      expect(preflight.headers.get('access-control-allow-methods')).toBe('OPTIONS,POST');
      const response = await fetch(`${server.url}/dev/todos`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Trace-Me': '1' }, body: '{"id":"t2","text":"eggs"}' });
      expect(response.status).toBe(201);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const event = runtime.invocations('create').at(-1)?.event as { headers: Record<string, string> };
      expect(event.headers['X-Trace-Me']).toBe('1');
      const missing = await fetch(`${server.url}/dev/nope`);
      expect([missing.status, await missing.text()]).toEqual([403, '{"message":"Missing Authentication Token"}']);
    } finally {
      await server.close();
    }
  });
});

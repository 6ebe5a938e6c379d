import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { fakeFunctions, restService } from '../rest-api/testing/restService';
import { buildHttpApi } from '../runtime/buildHttpApi';
import { formatRefusal, restBannerLines } from './restBanner';

describe('REST lines of the start banner', () => {
  it('shows the stage base URL, each method with its authorizer and key requirement, and the API keys', () => {
    const { functions } = fakeFunctions({ auth: () => ({}), get: () => ({}), report: () => ({}) });
    const api = buildHttpApi(restService({
      auth: [],
      get: [{ http: { method: 'get', path: 'todos/{id}', authorizer: 'auth' } }],
      report: [{ http: { method: 'get', path: '/', private: true } }],
    }, { apiGateway: { apiKeys: [{ name: 'partner', value: 'v-1' }] } }), functions, new VirtualClock());
    const lines = restBannerLines(api.rest, 'http://127.0.0.1:3000');
    expect(lines[0]).toContain('REST API   http://127.0.0.1:3000/dev');
    expect(lines[1]).toBe('    GET    http://127.0.0.1:3000/dev/todos/{id}  → get  [authorizer auth (TOKEN)]');
    expect(lines[2]).toBe('    GET    http://127.0.0.1:3000/dev  → report  [x-api-key]');
    expect(lines[3]).toBe('  API keys   partner: v-1');
    expect(restBannerLines(undefined, 'http://x')).toEqual([]);
  });

  it('formats a refused request with its status and reason', () => {
    expect(formatRefusal({ route: 'GET /dev/x', statusCode: 403, reason: 'no x-api-key header' }, 0)).toContain('403: no x-api-key header');
  });
});

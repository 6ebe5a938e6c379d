import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import type { InvocationRecord } from '../../lambda/types';
import { HttpApi } from '../HttpApi';
import type { HttpApiEventV2 } from '../types';
import { JwtAuthorizer } from './JwtAuthorizer';

// Behaviour imitated: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
const ISSUER = 'https://issuer.example.com';
const NOW_S = Date.UTC(2026, 0, 1) / 1000;
let keySet: JSONWebKeySet;
let privateKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  keySet = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
});

async function token(claims: Record<string, unknown>, key: CryptoKey = privateKey): Promise<string> {
  return new SignJWT({ iss: ISSUER, aud: 'my-api', exp: NOW_S + 3600, iat: NOW_S - 10, sub: 'user-1', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .sign(key);
}

function api(keys: JSONWebKeySet | undefined, scopes: string[] = []) {
  const events: HttpApiEventV2[] = [];
  const httpApi = new HttpApi({
    routes: [{ method: 'GET', path: '/me', functionKey: 'me', authorizer: { name: 'auth', scopes } }],
    clock: new VirtualClock(NOW_S * 1000),
    region: 'us-east-1',
    accountId: '000000000000',
    authorizers: new Map([['auth', new JwtAuthorizer({ name: 'auth', identitySource: '$request.header.Authorization', issuerUrl: ISSUER, audience: ['my-api'] }, keys)]]),
    invoke: async (_key, event) => {
      events.push(event);
      return { outcome: 'success', result: { ok: true } } as InvocationRecord;
    },
  });
  return { httpApi, events };
}

const get = (httpApi: HttpApi, authorization?: string) =>
  httpApi.handle({ method: 'GET', path: '/me', headers: authorization === undefined ? {} : { authorization } });

describe('JWT authorizer', () => {
  it('answers 401 Unauthorized without a token, and invokes nothing', async () => {
    const { httpApi, events } = api(keySet);
    const response = await get(httpApi);
    expect(response.statusCode).toBe(401);
    expect(response.body).toBe('{"message":"Unauthorized"}');
    expect(events).toEqual([]);
  });

  it('passes claims (as strings) and scopes to the integration, with or without "Bearer "', async () => {
    const { httpApi, events } = api(keySet);
    const jwt = await token({ scope: 'orders:read orders:write', groups: ['a', 'b'] });
    expect((await get(httpApi, `Bearer ${jwt}`)).statusCode).toBe(200);
    expect((await get(httpApi, jwt)).statusCode).toBe(200);
    expect(events[0]!.requestContext.authorizer).toEqual({
      jwt: {
        claims: { iss: ISSUER, aud: 'my-api', exp: String(NOW_S + 3600), iat: String(NOW_S - 10), sub: 'user-1', scope: 'orders:read orders:write', groups: '[a b]' },
        scopes: ['orders:read', 'orders:write'],
      },
    });
  });

  it.each([
    ['a token signed by another key', {}, 'other'],
    ['a wrong issuer', { iss: 'https://evil.example' }, 'own'],
    ['a wrong audience', { aud: 'other-api' }, 'own'],
    ['an expired token', { exp: NOW_S - 1 }, 'own'],
    ['a token not valid yet (nbf)', { nbf: NOW_S + 60 }, 'own'],
    ['a token issued in the future (iat)', { iat: NOW_S + 60 }, 'own'],
  ])('answers 401 for %s', async (_what, claims, signer) => {
    const { httpApi, events } = api(keySet);
    const response = await get(httpApi, `Bearer ${await token(claims, signer === 'other' ? otherKey : privateKey)}`);
    expect(response.statusCode).toBe(401);
    expect(events).toEqual([]);
  });

  it('accepts client_id as the audience when the token has no aud', async () => {
    const { httpApi } = api(keySet);
    const response = await get(httpApi, await token({ aud: undefined, client_id: 'my-api' }));
    expect(response.statusCode).toBe(200);
  });

  it('requires at least one of the route\'s scopes (403 Forbidden otherwise)', async () => {
    const { httpApi } = api(keySet, ['admin', 'orders:read']);
    expect((await get(httpApi, await token({ scope: 'orders:read' }))).statusCode).toBe(200);
    const denied = await get(httpApi, await token({ scope: 'profile' }));
    expect(denied.statusCode).toBe(403);
    expect(denied.body).toBe('{"message":"Forbidden"}');
  });

  it('without a key set, decodes the token but still checks its claims', async () => {
    const { httpApi } = api(undefined);
    expect((await get(httpApi, await token({}, otherKey))).statusCode).toBe(200);
    expect((await get(httpApi, await token({ exp: NOW_S - 1 }, otherKey))).statusCode).toBe(401);
    expect((await get(httpApi, 'not-a-jwt')).statusCode).toBe(401);
  });
});

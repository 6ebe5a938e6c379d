import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceCacheKey } from './serviceCacheKey';

describe('serviceCacheKey', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const setup = (): string => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-key-'));
    writeFileSync(join(dir, 'serverless.yml'), 'service: x\n');
    mkdirSync(join(dir, 'infra'));
    writeFileSync(join(dir, 'infra', 'table.yml'), 'Resources: {}\n');
    return dir;
  };
  const key = (overrides: Partial<{ stage: string; region: string; oslsVersion: string }> = {}): string =>
    serviceCacheKey({ servicePath: dir, stage: 'dev', region: undefined, oslsVersion: '4.3.1', ...overrides });

  it('is stable for the same inputs', () => {
    setup();
    expect(key()).toBe(key());
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with stage, region, osls version, serverless.yml and any infra file', () => {
    setup();
    const base = key();
    expect(new Set([base, key({ stage: 'prod' }), key({ region: 'eu-west-1' }), key({ oslsVersion: '4.3.2' })]).size).toBe(4);
    writeFileSync(join(dir, 'infra', 'queues.yml'), 'Resources: {}\n');
    const withQueues = key();
    expect(withQueues).not.toBe(base);
    writeFileSync(join(dir, 'infra', 'table.yml'), 'Resources: { T: {} }\n');
    expect(key()).not.toBe(withQueues);
    writeFileSync(join(dir, 'serverless.yml'), 'service: y\n');
    expect(key()).not.toBe(withQueues);
  });

  it('changes when an environment variable the service references changes, and only then', () => {
    setup();
    writeFileSync(join(dir, 'serverless.yml'), "service: x\nprovider:\n  issuer: ${env:TIDEPOOL_JWT_ISSUER, 'https://dev'}\n");
    const at = (env: NodeJS.ProcessEnv) => serviceCacheKey({ servicePath: dir, stage: 'dev', region: undefined, oslsVersion: '4.3.1', env });

    expect(at({ TIDEPOOL_JWT_ISSUER: 'https://a' })).not.toBe(at({ TIDEPOOL_JWT_ISSUER: 'https://b' }));
    expect(at({})).not.toBe(at({ TIDEPOOL_JWT_ISSUER: '' }));
    expect(at({ TIDEPOOL_JWT_ISSUER: 'https://a', UNRELATED: '1' })).toBe(at({ TIDEPOOL_JWT_ISSUER: 'https://a', UNRELATED: '2' }));
  });
});

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
  const key = (overrides: Partial<{ stage: string | undefined; region: string; framework: string; values: Buffer }> = {}): string =>
    serviceCacheKey({ servicePath: dir, stage: 'dev', region: undefined, framework: 'osls@4.3.1', ...overrides });

  it('is stable for the same inputs', () => {
    setup();
    expect(key()).toBe(key());
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with stage, region, framework, values file, serverless.yml and any infra file', () => {
    setup();
    const base = key();
    const variants = [key({ stage: 'prod' }), key({ stage: undefined }), key({ region: 'eu-west-1' }), key({ framework: 'osls@4.3.2' }), key({ framework: 'serverless@4.3.1' })];
    variants.push(key({ values: Buffer.from('ssm: {}\n') }), key({ values: Buffer.from('ssm: { /a: b }\n') }));
    expect(new Set([base, ...variants]).size).toBe(8);
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
    const at = (env: NodeJS.ProcessEnv) => serviceCacheKey({ servicePath: dir, stage: 'dev', region: undefined, framework: 'osls@4.3.1', env });

    expect(at({ TIDEPOOL_JWT_ISSUER: 'https://a' })).not.toBe(at({ TIDEPOOL_JWT_ISSUER: 'https://b' }));
    expect(at({})).not.toBe(at({ TIDEPOOL_JWT_ISSUER: '' }));
    expect(at({ TIDEPOOL_JWT_ISSUER: 'https://a', UNRELATED: '1' })).toBe(at({ TIDEPOOL_JWT_ISSUER: 'https://a', UNRELATED: '2' }));
  });

  it('is keyed on the actual service file (serverless.ts) and the files it names in ${file()}', () => {
    setup();
    const ts = join(dir, 'serverless.ts');
    writeFileSync(ts, "export default { service: 'x', custom: '${file(./config/dev.json)}' };\n");
    const at = () => serviceCacheKey({ servicePath: dir, serviceFile: ts, stage: 'dev', region: undefined, framework: 'osls@4.3.1' });
    const missing = at();
    expect(missing).not.toBe(key()); // not the serverless.yml beside it
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'dev.json'), '{"a":1}');
    const first = at();
    expect(first).not.toBe(missing);
    writeFileSync(join(dir, 'config', 'dev.json'), '{"a":2}');
    const second = at();
    expect(second).not.toBe(first);
    writeFileSync(join(dir, 'serverless.yml'), 'service: changed\n');
    expect(at()).toBe(second); // the serverless.yml beside it is not the service file
  });
});

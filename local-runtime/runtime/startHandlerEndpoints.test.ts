import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime } from './createRuntime';

describe('the handler endpoints of createRuntime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidepool-guard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are taken down again when the service cannot be built (the guard is not left installed)', async () => {
    writeFileSync(join(dir, 'serverless.yml'), 'service: broken\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  gone:\n    handler: missing.handler\n');
    const before = https.request;
    await expect(createRuntime({ servicePath: dir })).rejects.toThrow(/missing/);
    expect(https.request).toBe(before);
  });

  it('are installed while a runtime is open and removed by close()', async () => {
    writeFileSync(join(dir, 'serverless.yml'), 'service: fine\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions: {}\n');
    const before = https.request;
    const runtime = await createRuntime({ servicePath: dir });
    expect(https.request).not.toBe(before);
    expect(runtime.awsEndpointUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await runtime.close();
    expect(https.request).toBe(before);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findServiceFile } from './findServiceFile';
import { ServiceError } from './ServiceError';

describe('findServiceFile', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const setup = (...names: string[]): string => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-find-'));
    for (const name of names) writeFileSync(join(dir, name), '');
    return dir;
  };

  it.each(['serverless.yml', 'serverless.yaml', 'serverless.json', 'serverless.js', 'serverless.mjs', 'serverless.cjs', 'serverless.ts'])('finds %s', (name) => {
    expect(findServiceFile(setup(name))).toBe(join(dir, name));
  });

  it("takes the framework's first choice when there are several (yml before ts)", () => {
    expect(findServiceFile(setup('serverless.ts', 'serverless.json', 'serverless.yml'))).toBe(join(dir, 'serverless.yml'));
  });

  it('skips a directory that has a service file name', () => {
    setup('serverless.ts');
    mkdirSync(join(dir, 'serverless.yml'));
    expect(findServiceFile(dir)).toBe(join(dir, 'serverless.ts'));
  });

  it('names the directory and every file name it looked for when there is none', () => {
    setup('serverless.yml.bak', 'serverless.toml');
    expect(() => findServiceFile(dir)).toThrow(ServiceError);
    expect(() => findServiceFile(dir)).toThrow(/has no Serverless Framework service file: looked for serverless\.yml, serverless\.yaml, .*serverless\.ts/);
  });
});

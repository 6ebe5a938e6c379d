import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveFramework } from './resolveFramework';

const BUNDLED_OSLS = resolve(import.meta.dirname, '../../node_modules/osls');

describe('resolveFramework', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  /** A service folder (outside the repository) with fake framework packages of the given versions. */
  const service = (packages: Record<string, string>): string => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-framework-'));
    for (const [name, version] of Object.entries(packages)) {
      mkdirSync(join(dir, 'node_modules', name), { recursive: true });
      writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
    }
    return dir;
  };

  it("uses the service's own serverless v3, even beside an osls (tidepool's own osls is hoisted there)", () => {
    const { framework, warnings } = resolveFramework(service({ serverless: '3.40.0', osls: '4.3.1' }));
    expect(framework).toEqual({ name: 'serverless', version: '3.40.0', root: join(dir, 'node_modules/serverless'), bin: join(dir, 'node_modules/serverless/bin/serverless.js') });
    expect(warnings).toEqual([]);
  });

  it("uses the service's own osls", () => {
    const { framework, warnings } = resolveFramework(service({ osls: '4.2.0' }));
    expect(framework).toMatchObject({ name: 'osls', version: '4.2.0', root: join(dir, 'node_modules/osls') });
    expect(warnings).toEqual([]);
  });

  it('uses the osls Tidepool ships when the service has none', () => {
    const { framework, warnings } = resolveFramework(service({}));
    expect(framework).toMatchObject({ name: 'osls', version: '4.3.1', root: BUNDLED_OSLS });
    expect(warnings).toEqual([]);
  });

  it('passes over serverless v4 (and v2) with a warning saying why and what resolves instead', () => {
    expect(resolveFramework(service({ serverless: '4.4.18', osls: '4.2.0' }))).toMatchObject({
      framework: { name: 'osls', version: '4.2.0' },
      warnings: ['serverless@4.4.18 is installed in the service but cannot resolve it locally (its npm package downloads the real program at first run): resolved with osls 4.2.0 instead'],
    });
    rmSync(dir, { recursive: true, force: true });
    expect(resolveFramework(service({ serverless: '2.72.4' })).warnings).toEqual([
      'serverless@2.72.4 is installed in the service but cannot resolve it locally (only serverless v3 and osls are supported): resolved with osls 4.3.1 instead',
    ]);
  });
});

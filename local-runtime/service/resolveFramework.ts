import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ServiceError } from './ServiceError';

/** The Serverless Framework copy that resolves a service. */
export interface Framework {
  /** npm package name: `serverless` (v3) or `osls`. */
  name: 'serverless' | 'osls';
  version: string;
  /** The package's directory. */
  root: string;
  /** Its CLI entry, run as `node <bin> print …`. */
  bin: string;
}

/**
 * Which framework resolves the service in `servicePath`: the service's own `serverless` v3, else
 * its own `osls`, else the osls Tidepool ships. A `serverless` of another major (v4's npm package
 * only downloads the real program at first run; v2 and older lack the configuration reader
 * Tidepool hooks) is passed over with a warning.
 */
export function resolveFramework(servicePath: string): { framework: Framework; warnings: string[] } {
  const warnings: string[] = [];
  const fromService = createRequire(join(servicePath, 'package.json'));
  const serverless = find(fromService, 'serverless');
  if (serverless) {
    if (major(serverless.version) === 3) return { framework: serverless, warnings };
    warnings.push(
      `serverless@${serverless.version} is installed in the service but cannot resolve it locally (${
        major(serverless.version) >= 4 ? 'its npm package downloads the real program at first run' : 'only serverless v3 and osls are supported'
      }): resolved with osls instead`,
    );
  }
  const osls = find(fromService, 'osls') ?? find(createRequire(import.meta.url), 'osls');
  if (!osls) {
    throw new ServiceError(
      'service.sls_failed',
      servicePath,
      `osls is not installed: looked in ${servicePath}/node_modules and next to tidepool; run npm install`,
    );
  }
  if (serverless) warnings[warnings.length - 1] = warnings.at(-1)!.replace('with osls', `with osls ${osls.version}`);
  return { framework: osls, warnings };
}

function find(require: NodeJS.Require, name: Framework['name']): Framework | undefined {
  let packageJson: string;
  try {
    packageJson = require.resolve(`${name}/package.json`);
  } catch {
    return undefined; // not installed there
  }
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
  const root = dirname(packageJson);
  return { name, version: typeof manifest.version === 'string' ? manifest.version : '0.0.0', root, bin: join(root, 'bin', 'serverless.js') };
}

function major(version: string): number {
  return Number.parseInt(version, 10);
}

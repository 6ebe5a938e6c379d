import { createRequire } from 'node:module';
import { assetPath } from './assetPath';

type RequestGuard = typeof import('./awsRequestGuard.cjs');

const require = createRequire(import.meta.url);

/**
 * The AWS request guard (`awsRequestGuard.cjs`), loaded from its file through `assetPath` so the
 * process has one instance of it (one stack of installs) whether the sources, the packed build or a
 * `node --require` preload loaded it first.
 *
 * @example
 * const uninstall = requestGuard.install({ target: server.url, caller: currentCaller });
 */
export const requestGuard: RequestGuard = require(assetPath('awsRequestGuard.cjs')) as RequestGuard;

import { runInThisContext } from 'node:vm';

/**
 * Node's own `process`. Usually the same object as `process`; inside a test runner that runs
 * test code in a `vm` sandbox with a copy of `process` (jest), it is the real one, whose `env`
 * handler modules loaded by Node itself (see importModule) read, and whose `getBuiltinModule`
 * gives Node's own `node:module` rather than the runner's.
 */
export const hostProcess: NodeJS.Process = (runInThisContext('typeof process === "object" ? process : undefined') as NodeJS.Process | undefined) ?? process;

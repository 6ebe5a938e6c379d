import { AsyncLocalStorage } from 'node:async_hooks';
import { hostProcess } from './hostProcess';

/** An invocation's own variables; `DELETED` marks one the handler deleted. */
type Overlay = Map<string, string | typeof DELETED>;
const DELETED = Symbol('deleted');
const overlays = new AsyncLocalStorage<Overlay>();
const INSTALLED = Symbol.for('tidepool.lambda.envOverlay');

/**
 * Replaces `owner.env` (a `process.env`) with a view that reads and writes the variables of the invocation
 * running now (an AsyncLocalStorage overlay over the real environment), so concurrent in-process
 * invocations each see their own `process.env` without a process-wide lock.
 */
function installOverlay(owner: { env: NodeJS.ProcessEnv }): void {
  const real = owner.env as NodeJS.ProcessEnv & { [INSTALLED]?: true };
  if (real[INSTALLED] === true) return;
  const value = (overlay: Overlay | undefined, key: string): string | undefined => {
    const own = overlay?.get(key);
    if (own === DELETED) return undefined;
    return own ?? real[key];
  };
  const view = new Proxy(real, {
    get(target, key, receiver) {
      if (key === INSTALLED) return true;
      if (typeof key !== 'string') return Reflect.get(target, key, receiver) as unknown;
      return value(overlays.getStore(), key);
    },
    set(target, key, newValue) {
      const overlay = overlays.getStore();
      if (typeof key !== 'string' || overlay === undefined) return Reflect.set(target, key, newValue);
      overlay.set(key, String(newValue));
      return true;
    },
    deleteProperty(target, key) {
      const overlay = overlays.getStore();
      if (typeof key !== 'string' || overlay === undefined) return Reflect.deleteProperty(target, key);
      overlay.set(key, DELETED);
      return true;
    },
    has(target, key) {
      if (typeof key !== 'string') return Reflect.has(target, key);
      return value(overlays.getStore(), key) !== undefined;
    },
    ownKeys(target) {
      const overlay = overlays.getStore();
      const keys = new Set(Reflect.ownKeys(target));
      for (const [key, own] of overlay ?? []) {
        if (own === DELETED) keys.delete(key);
        else keys.add(key);
      }
      return [...keys];
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key !== 'string') return Reflect.getOwnPropertyDescriptor(target, key);
      const found = value(overlays.getStore(), key);
      return found === undefined ? undefined : { value: found, writable: true, enumerable: true, configurable: true };
    },
    defineProperty(target, key, descriptor) {
      const overlay = overlays.getStore();
      if (typeof key !== 'string' || overlay === undefined) return Reflect.defineProperty(target, key, descriptor);
      overlay.set(key, String(descriptor.value));
      return true;
    },
  });
  owner.env = view;
}

/**
 * Runs `task` with `vars` in `process.env` for the work of this task only (its awaits, timers and
 * callbacks): concurrent tasks each see their own variables, and nothing outside changes. Inside a
 * `vm` sandbox with its own copy of `process.env` (jest), Node's own `process.env` gets the same
 * view: handler modules loaded by Node read that one.
 */
export function withEnvironment<T>(vars: Record<string, string>, task: () => Promise<T>): Promise<T> {
  installOverlay(process);
  if (hostProcess !== process) installOverlay(hostProcess);
  return overlays.run(new Map(Object.entries(vars)), task);
}

import { hostProcess } from './hostProcess';

/**
 * Sets `vars` on `process.env`, runs `task`, and restores every touched variable afterwards
 * (deleted if it did not exist before). Inside a `vm` sandbox with its own copy of `process.env`
 * (jest), Node's own `process.env` gets them too: handler modules loaded by Node read that one.
 */
export async function withEnvironment<T>(vars: Record<string, string>, task: () => Promise<T>): Promise<T> {
  const envs = hostProcess.env === process.env ? [process.env] : [process.env, hostProcess.env];
  const previous = envs.map(() => new Map<string, string | undefined>());
  envs.forEach((env, index) => {
    for (const [key, value] of Object.entries(vars)) {
      previous[index]!.set(key, env[key]);
      env[key] = value;
    }
  });
  try {
    return await task();
  } finally {
    envs.forEach((env, index) => {
      for (const [key, value] of previous[index]!) {
        if (value === undefined) delete env[key];
        else env[key] = value;
      }
    });
  }
}

import { DurableEngine } from './DurableEngine';
import type { EngineOptions } from '../engine/Engine';

/** Environment variable for the crash tests: the process kills itself with SIGKILL at this compaction point. */
export const CRASH_AT_ENV = 'TIDEPOOL_TEST_CRASH_AT';

/**
 * Opens a data directory for `tidepool serve|start --data-dir` and writes what opening found (a torn record
 * dropped, a repair) to `warn`. A damaged directory rejects with a PersistenceError (the CLI exits 2).
 */
export async function openDataDir(dir: string, options: EngineOptions, settings: { repair?: boolean; warn: (message: string) => void }): Promise<DurableEngine> {
  const crashAt = process.env[CRASH_AT_ENV];
  const engine = await DurableEngine.open(dir, options, {
    ...(settings.repair !== undefined && { repair: settings.repair }),
    ...(crashAt && { crashPoint: (point: string) => (point === crashAt ? void process.kill(process.pid, 'SIGKILL') : undefined) }),
  });
  for (const warning of engine.warnings) settings.warn(warning);
  return engine;
}

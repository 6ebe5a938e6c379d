import type { OslsCommand, PluginCommandTable } from './oslsCommands';
import { toTidepoolArgv } from './toTidepoolArgv';

/** Runs `tidepool <argv…>` and resolves to its exit code. */
export type RunTidepool = (argv: string[]) => Promise<number>;

/** Set while a `sls tidepool …` command runs, in this process and every process it starts. */
export const PLUGIN_ACTIVE_ENV = 'TIDEPOOL_PLUGIN_ACTIVE';

/**
 * Builds the Serverless Framework plugin class (osls, serverless v3): `plugins: [tidepool]` in
 * serverless.yml, then `sls tidepool start` runs `tidepool start` with the same flags.
 *
 * The constructor only declares commands and hooks: osls constructs every plugin for every
 * command, including the `sls print` that Tidepool itself runs to resolve the service, so it must
 * be cheap and do nothing. The command table is read on first construction.
 */
export function definePlugin(loadTable: () => PluginCommandTable, run: RunTidepool) {
  let table: PluginCommandTable | undefined;
  return class TidepoolPlugin {
    readonly commands: Record<string, OslsCommand>;
    readonly hooks: Record<string, () => Promise<void>>;

    constructor(_serverless: unknown, cliOptions: Record<string, unknown> = {}) {
      table ??= loadTable();
      const { commands, plans } = table;
      this.commands = commands;
      this.hooks = Object.fromEntries(
        Object.entries(plans).map(([event, plan]) => [event, async () => {
          if (process.env[PLUGIN_ACTIVE_ENV] === '1') {
            throw new Error(`sls ${plan.path.join(' ')} ran inside a running Tidepool command (${PLUGIN_ACTIVE_ENV}=1); refusing to start Tidepool recursively`);
          }
          const argv = toTidepoolArgv(plan, cliOptions);
          process.env[PLUGIN_ACTIVE_ENV] = '1';
          try {
            const code = await run(argv);
            if (code !== 0) process.exitCode = code;
          } finally {
            delete process.env[PLUGIN_ACTIVE_ENV];
          }
        }]),
      );
    }
  };
}

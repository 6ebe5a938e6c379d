import type { OslsCommand, PluginCommandTable } from './oslsCommands';
import { toTidepoolArgv } from './toTidepoolArgv';

/** Runs `tidepool <argv…>` and resolves to its exit code. */
export type RunTidepool = (argv: string[]) => Promise<number>;

/**
 * Keeps the host framework process off AWS while it resolves the service for a `sls tidepool …`
 * command; the returned `ready` is what the plugin's `asyncInit` waits for.
 */
export type GuardHost = (serverless: unknown, cliOptions: Record<string, unknown>) => { ready: Promise<void> };

/** Set while a `sls tidepool …` command runs, in this process and every process it starts. */
export const PLUGIN_ACTIVE_ENV = 'TIDEPOOL_PLUGIN_ACTIVE';

/**
 * Builds the Serverless Framework plugin class (osls, serverless v3): `plugins: [tidepool]` in
 * serverless.yml, then `sls tidepool start` runs `tidepool start` with the same flags.
 *
 * The constructor only declares commands and hooks: osls constructs every plugin for every
 * command, including the `sls print` that Tidepool itself runs to resolve the service, so it must
 * be cheap and do nothing. The command table is read on first construction.
 *
 * Only when the command is `tidepool …` (and this is not a framework child Tidepool started, which
 * has its own guard) does it call `guardHost`, because the framework resolves the service's
 * variables in this process before any hook runs; for every other command (`sls deploy` with the
 * plugin listed) it changes nothing.
 */
export function definePlugin(loadTable: () => PluginCommandTable, run: RunTidepool, guardHost?: GuardHost) {
  let table: PluginCommandTable | undefined;
  return class TidepoolPlugin {
    readonly commands: Record<string, OslsCommand>;
    readonly hooks: Record<string, () => Promise<void>>;
    /** Awaited by the framework after loading plugins, before it resolves AWS-backed variables. */
    asyncInit?: () => Promise<void>;

    constructor(serverless: unknown, cliOptions: Record<string, unknown> = {}) {
      table ??= loadTable();
      if (guardHost !== undefined && isTidepoolCommand(serverless) && !isTidepoolChild()) {
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
        const { ready } = guardHost(serverless, cliOptions);
        this.asyncInit = () => ready;
      }
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

/** The command osls is running (`serverless.processedInput.commands`) starts with `tidepool`. */
function isTidepoolCommand(serverless: unknown): boolean {
  const commands = (serverless as { processedInput?: { commands?: unknown } } | null)?.processedInput?.commands;
  return Array.isArray(commands) && commands[0] === 'tidepool';
}

/** A framework process Tidepool started (its `sls print`) or one inside a running Tidepool command. */
function isTidepoolChild(): boolean {
  return process.env[PLUGIN_ACTIVE_ENV] === '1' || (process.env.TIDEPOOL_AWS_TARGET ?? '') !== '';
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { definePlugin } from './definePlugin';
import { guardHostProcess, type HostServerless } from './guardHostProcess';
import type { PluginCommandTable } from './oslsCommands';

/** Written by the build (local-runtime/build/build.ts) beside the plugin's bundle in dist/. */
export const COMMAND_TABLE_FILE = 'plugin-commands.json';

function readCommandTable(): PluginCommandTable {
  const file = fileURLToPath(new URL(`./${COMMAND_TABLE_FILE}`, import.meta.url));
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PluginCommandTable;
  } catch (cause) {
    throw new Error(`Tidepool's plugin command table ${file} is missing or unreadable; the plugin runs from the built package (npm run build), reinstall tidepool`, { cause });
  }
}

async function runTidepool(argv: string[]): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // The build keeps this import out of the plugin's bundle (it is dist/cli.js), so loading the plugin stays cheap.
  const { main } = await import('../cli/main');
  return main(['node', 'tidepool', ...argv]);
}

/**
 * The Serverless Framework plugin: `plugins: [tidepool]` in serverless.yml, then
 * `sls tidepool start` (same flags as `tidepool start`), `sls tidepool invoke --function f`, ….
 * For those commands the framework process itself never asks AWS (see guardHostProcess).
 */
export const TidepoolPlugin = definePlugin(readCommandTable, runTidepool, (serverless, cliOptions) =>
  guardHostProcess(serverless as HostServerless, cliOptions),
);

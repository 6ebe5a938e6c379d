#!/usr/bin/env node
// Entry point of the `tidepool` command. In this repository it runs the TypeScript sources as they
// are (through tsx); in the installed package, where only the build ships, it runs dist/cli.js.
import { existsSync } from 'node:fs';

// The local runtime runs on the machine's Node (≥ 20.19); the SDK's notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const source = new URL('./main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import('../../dist/cli.js'));
}
process.exitCode = await main(process.argv);

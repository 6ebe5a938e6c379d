#!/usr/bin/env node
// Entry point of the `tidepool` command: registers tsx so the TypeScript sources run as they are.
import { register } from 'tsx/esm/api';

// The local runtime runs on the machine's Node (≥ 20.19); the SDK's notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);

/**
 * Source of dist/index.cjs, what `require('tidepool')` returns. osls's plugin loader requires the
 * package and takes `module.exports` (or its `default`) as the plugin constructor, so the export is
 * the plugin class; the runtime's exports (`createRuntime`, …) are properties of it, loaded from
 * dist/runtime.cjs on first use so that osls loading the plugin for every command stays cheap.
 *
 * @throws Error when an export name would shadow a property every function has (`name`, `length`, …).
 */
export function cjsEntrySource(exportNames: readonly string[]): string {
  const clashes = exportNames.filter((name) => name === 'default' || name in Function.prototype || ['name', 'length', 'prototype'].includes(name));
  if (clashes.length > 0) throw new Error(`build: runtime exports ${clashes.join(', ')} cannot be properties of the plugin class`);
  return `'use strict';
// require('tidepool'): the Serverless Framework plugin class, with Tidepool's runtime API as its properties.
const { TidepoolPlugin } = require('./plugin.cjs');
let runtime;
const load = () => (runtime ??= require('./runtime.cjs'));
for (const name of ${JSON.stringify([...exportNames].sort())}) {
  Object.defineProperty(TidepoolPlugin, name, { enumerable: true, get: () => load()[name] });
}
module.exports = TidepoolPlugin;
`;
}

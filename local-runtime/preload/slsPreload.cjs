'use strict';
/**
 * Tidepool's tolerance preload for the Serverless Framework child (`node --require slsPreload.cjs
 * <framework>/bin/serverless.js print …`). Works the same in osls and serverless@3: both keep the
 * configuration reader at `lib/configuration/read.js` and the plugin loader at
 * `lib/classes/plugin-manager.js`.
 *
 * - The configuration the reader returns loses a `frameworkVersion` the running framework does not
 *   meet (a pin of 2, 3 or 4 must not stop a local run; a pin it meets stays), gets `configValidationMode: 'warn'` (schema errors are printed, not thrown) unless
 *   it is `off`, and `deprecationNotificationMode: 'error'` becomes `warn`. With serverless@3,
 *   `org`/`app` are dropped too (they would switch on the Serverless Dashboard, which calls the
 *   network), and so is `provider.profile` (v3 would read that profile instead of the dummy
 *   credentials the child is given).
 * - A plugin listed in `plugins` but not installed is skipped (a placeholder with no hooks) instead
 *   of failing the run.
 * Each change is reported as one line appended to the file named by TIDEPOOL_SLS_WARNINGS (JSON
 * string per line). TIDEPOOL_SLS_ROOT is the framework package's directory, TIDEPOOL_SLS_NAME its name.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = process.env.TIDEPOOL_SLS_ROOT;
const frameworkName = process.env.TIDEPOOL_SLS_NAME || 'osls';
const warningsFile = process.env.TIDEPOOL_SLS_WARNINGS;

function warn(message) {
  if (warningsFile) fs.appendFileSync(warningsFile, `${JSON.stringify(message)}\n`);
  else process.stderr.write(`tidepool: ${message}\n`);
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether the framework running is one the `frameworkVersion` range admits (then it stays, silently). */
function pinIsMet(range) {
  if (typeof range !== 'string') return false;
  try {
    const semver = require(require.resolve('semver', { paths: [root] }));
    const { version } = require(path.join(root, 'package.json'));
    return semver.validRange(range) !== null && semver.satisfies(semver.coerce(version).raw, range);
  } catch {
    return false; // cannot tell: drop the pin (it must not stop a local run)
  }
}

/** Makes a freshly read service configuration runnable locally; reports every change. */
function tolerate(configuration, file) {
  if (!isPlainObject(configuration)) return configuration;
  const name = path.basename(file);
  if (Object.prototype.hasOwnProperty.call(configuration, 'frameworkVersion') && !pinIsMet(configuration.frameworkVersion)) {
    warn(`${name}: frameworkVersion ${JSON.stringify(configuration.frameworkVersion)} is ignored locally (resolved with ${frameworkName})`);
    delete configuration.frameworkVersion;
  }
  if (isPlainObject(configuration.service) && typeof configuration.service.name === 'string') {
    // Serverless v1/v2 object notation (`service: { name: … }`), which v3 and osls refuse.
    warn(`${name}: service: { name: ${JSON.stringify(configuration.service.name)} } (Serverless v1/v2 notation) is read as service: ${JSON.stringify(configuration.service.name)}`);
    configuration.service = configuration.service.name;
  }
  if (configuration.configValidationMode !== 'off') configuration.configValidationMode = 'warn';
  if (configuration.deprecationNotificationMode === 'error') configuration.deprecationNotificationMode = 'warn';
  if (frameworkName === 'serverless') {
    // serverless@3 prefers a configured profile to the (dummy) environment credentials; osls does not.
    if (isPlainObject(configuration.provider)) delete configuration.provider.profile;
    for (const key of ['org', 'app']) {
      if (configuration[key] === undefined) continue;
      warn(`${name}: ${key} is ignored locally (the Serverless Dashboard is not used; \${param:…} values from it are unavailable)`);
      delete configuration[key];
    }
  }
  return configuration;
}

function patchReader() {
  let readPath;
  try {
    readPath = require.resolve(path.join(root, 'lib', 'configuration', 'read.js'));
  } catch {
    warn(`${frameworkName} has no lib/configuration/read.js: its configuration is read without Tidepool's tolerance`);
    return;
  }
  const read = require(readPath);
  if (typeof read !== 'function') return;
  const tolerantRead = async function tolerantRead(configurationPath, ...rest) {
    const configuration = await read.call(this, configurationPath, ...rest);
    patchPluginManager();
    return tolerate(configuration, String(configurationPath));
  };
  require.cache[readPath].exports = tolerantRead;
}

let pluginManagerPatched = false;
/** Patched after the configuration is read: by then the framework's log reporters are set up. */
function patchPluginManager() {
  if (pluginManagerPatched) return;
  pluginManagerPatched = true;
  let PluginManager;
  try {
    PluginManager = require(path.join(root, 'lib', 'classes', 'plugin-manager.js'));
  } catch {
    return; // another layout: plugins are loaded as the framework does
  }
  const original = PluginManager && PluginManager.prototype && PluginManager.prototype.requireServicePlugin;
  if (typeof original !== 'function') return;
  PluginManager.prototype.requireServicePlugin = async function requireServicePlugin(serviceDir, pluginPath, ...rest) {
    try {
      return await original.call(this, serviceDir, pluginPath, ...rest);
    } catch (error) {
      if (!error || error.code !== 'PLUGIN_NOT_FOUND') throw error;
      warn(`plugin "${pluginPath}" is listed in plugins but not installed: skipped (npm install it to use it)`);
      // A plugin with no hooks or commands: the framework registers it and nothing runs.
      return class TidepoolMissingPlugin {};
    }
  };
}

if (root) patchReader();

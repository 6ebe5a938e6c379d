'use strict';
/**
 * The AWS request guard: while installed, every `http`/`https` request (and every global `fetch`)
 * to an AWS host goes over plain HTTP to a local target instead, so handler code that builds its
 * own SDK clients (AWS SDK v3 of any version, aws-sdk v2) reaches Tidepool's local endpoints and
 * never a real AWS account.
 *
 * Plain CommonJS on purpose: child processes load it with `node --require <this file>` and env
 * `TIDEPOOL_AWS_TARGET=<url>` (caller label from `TIDEPOOL_AWS_CALLER`), and it installs itself.
 *
 * How it hooks in: both SDKs look the request function up on the module object at call time
 * (`node_https.request(...)` in @smithy/node-http-handler, `require('https').request(...)` in
 * aws-sdk v2 lib/http/node.js), so replacing the `request` and `get` properties of the `http` and
 * `https` module objects reaches them. ESM named imports of the builtins are re-synced with
 * `module.syncBuiltinESMExports()`.
 *
 * A redirected request keeps its method, path, headers (including `Host` and the signature) and
 * body; it gains `x-tidepool-aws-host` (the AWS host it was meant for) and `x-tidepool-caller`
 * (the caller label, URI-encoded). TLS options and the caller's Agent are dropped: it travels over
 * one keep-alive `http.Agent` of this guard.
 */
const http = require('node:http');
const https = require('node:https');
const nodeModule = require('node:module');

/** Hosts that belong to AWS: its public endpoint suffixes and the metadata addresses. */
const AWS_SUFFIXES = ['.amazonaws.com', '.amazonaws.com.cn', '.api.aws', '.on.aws'];
const METADATA_HOSTS = new Set([
  '169.254.169.254', // EC2 instance metadata (IMDS)
  '169.254.170.2', // ECS container credentials
  '169.254.170.23', // EKS Pod Identity agent
  'fd00:ec2::254', // IMDS over IPv6
  'fd00:ec2::23', // EKS Pod Identity agent over IPv6
]);

/** True for a host name (no port) that an AWS SDK would reach AWS itself through. */
function isAwsHost(host) {
  if (typeof host !== 'string' || host === '') return false;
  let name = host.toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (METADATA_HOSTS.has(name)) return true;
  if (name === 'amazonaws.com' || name === 'amazonaws.com.cn' || name === 'api.aws') return true;
  return AWS_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/** The installed guards, latest last; only the latest redirects. */
const stack = [];
/** The functions this guard replaced, kept to pass through and to restore. */
let originals;
let patched;

function current() {
  return stack.length === 0 ? undefined : stack[stack.length - 1];
}

/** Splits the `(url?, options?, callback?)` forms of http.request into a URL-ish object, options and callback. */
function parseArgs(args) {
  let url;
  let options;
  let callback;
  let rest = args;
  if (typeof rest[0] === 'string' || rest[0] instanceof URL) {
    url = typeof rest[0] === 'string' ? new URL(rest[0]) : rest[0];
    rest = rest.slice(1);
  }
  if (typeof rest[0] === 'function') callback = rest[0];
  else {
    options = rest[0];
    if (typeof rest[1] === 'function') callback = rest[1];
  }
  return { url, options: options ?? {}, callback };
}

/** The host a request is meant for (no port), as Node would resolve it. */
function targetHostOf(url, options) {
  const fromOptions = options.hostname ?? options.host;
  if (typeof fromOptions === 'string' && fromOptions !== '') return stripPort(fromOptions);
  if (url !== undefined) return url.hostname;
  return 'localhost';
}

/** `host` option may carry a port in the wild ("example.com:443"); a bare IPv6 literal does not. */
function stripPort(host) {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.indexOf(':');
  return colon !== -1 && host.indexOf(':', colon + 1) === -1 ? host.slice(0, colon) : host;
}

/** Node's headers option as a plain object or a flat [name, value, …] array; extra headers appended. */
function withExtraHeaders(headers, extra) {
  if (Array.isArray(headers)) {
    const out = headers.slice();
    for (const [name, value] of Object.entries(extra)) out.push(name, value);
    return out;
  }
  return Object.assign({}, headers, extra);
}

function hasHeader(headers, name) {
  if (headers === undefined || headers === null) return false;
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2) if (String(headers[i]).toLowerCase() === name) return true;
    return false;
  }
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** The request options that go to the local target: no TLS, no caller Agent, headers kept plus ours. */
function redirectedOptions(guard, url, options, awsHost) {
  const path = options.path ?? (url !== undefined ? `${url.pathname}${url.search}` : '/');
  const method = options.method ?? 'GET';
  const port = options.port ?? (url !== undefined && url.port !== '' ? url.port : undefined);
  const originalHost = port === undefined || port === '' ? awsHost : `${awsHost.includes(':') ? `[${awsHost}]` : awsHost}:${port}`;
  const extra = { 'x-tidepool-aws-host': awsHost };
  const caller = callerLabel(guard);
  if (caller !== undefined) extra['x-tidepool-caller'] = encodeURIComponent(caller);
  // Keep the Host the SDK signed; Node would otherwise name the local target.
  if (!hasHeader(options.headers, 'host')) extra.host = originalHost;
  const target = guard.target;
  const out = {
    protocol: 'http:',
    hostname: target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname,
    port: target.port || 80,
    method,
    path,
    headers: withExtraHeaders(options.headers, extra),
    agent: guard.agent,
  };
  // What is not about the connection carries over (timeouts, abort, auth, parser settings).
  for (const key of ['auth', 'timeout', 'signal', 'maxHeaderSize', 'insecureHTTPParser', 'joinDuplicateHeaders', 'uniqueHeaders']) {
    if (options[key] !== undefined) out[key] = options[key];
  }
  if (out.auth === undefined && url !== undefined && url.username !== '') {
    out.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  return out;
}

function callerLabel(guard) {
  try {
    const label = guard.caller();
    return typeof label === 'string' && label !== '' ? label : undefined;
  } catch {
    return undefined;
  }
}

function makeRequest(original) {
  return function request(...args) {
    const guard = current();
    if (guard === undefined) return original.apply(this, args);
    const { url, options, callback } = parseArgs(args);
    const awsHost = targetHostOf(url, options);
    if (!isAwsHost(awsHost)) return original.apply(this, args);
    const redirected = redirectedOptions(guard, url, options, awsHost.toLowerCase());
    return callback === undefined ? originals.httpRequest(redirected) : originals.httpRequest(redirected, callback);
  };
}

function makeGet(request) {
  return function get(...args) {
    const req = request.apply(this, args);
    req.end();
    return req;
  };
}

function urlOfFetchInput(input) {
  if (typeof input === 'string') return new URL(input);
  if (input instanceof URL) return input;
  if (input !== null && typeof input === 'object' && typeof input.url === 'string') return new URL(input.url);
  return undefined;
}

function makeFetch(original) {
  return function fetch(input, init) {
    const guard = current();
    let url;
    try {
      url = urlOfFetchInput(input);
    } catch {
      url = undefined;
    }
    if (guard === undefined || url === undefined || !isAwsHost(url.hostname)) return original.call(this, input, init);
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.set('x-tidepool-aws-host', url.hostname.toLowerCase());
    const caller = callerLabel(guard);
    if (caller !== undefined) headers.set('x-tidepool-caller', encodeURIComponent(caller));
    const local = new URL(`${url.pathname}${url.search}`, guard.target);
    const hasBody = request.body !== null;
    return original.call(this, local, {
      method: request.method,
      headers,
      ...(hasBody && { body: request.body, duplex: 'half' }),
      signal: request.signal,
      redirect: request.redirect,
    });
  };
}

function patch() {
  if (originals !== undefined) return;
  originals = {
    httpRequest: http.request,
    httpGet: http.get,
    httpsRequest: https.request,
    httpsGet: https.get,
    fetch: typeof globalThis.fetch === 'function' ? globalThis.fetch : undefined,
  };
  const httpRequest = makeRequest(originals.httpRequest);
  const httpsRequest = makeRequest(originals.httpsRequest);
  patched = {
    httpRequest,
    httpGet: makeGet(httpRequest),
    httpsRequest,
    httpsGet: makeGet(httpsRequest),
    fetch: originals.fetch === undefined ? undefined : makeFetch(originals.fetch),
  };
  http.request = patched.httpRequest;
  http.get = patched.httpGet;
  https.request = patched.httpsRequest;
  https.get = patched.httpsGet;
  if (patched.fetch !== undefined) globalThis.fetch = patched.fetch;
  nodeModule.syncBuiltinESMExports();
}

/** Puts the originals back, unless someone patched over this guard since (then its wrappers pass through). */
function unpatch() {
  if (originals === undefined) return;
  const ours =
    http.request === patched.httpRequest &&
    http.get === patched.httpGet &&
    https.request === patched.httpsRequest &&
    https.get === patched.httpsGet &&
    (patched.fetch === undefined || globalThis.fetch === patched.fetch);
  if (!ours) return;
  http.request = originals.httpRequest;
  http.get = originals.httpGet;
  https.request = originals.httpsRequest;
  https.get = originals.httpsGet;
  if (originals.fetch !== undefined) globalThis.fetch = originals.fetch;
  nodeModule.syncBuiltinESMExports();
  originals = undefined;
  patched = undefined;
}

/** A function giving the target's parsed URL (checked), for a fixed target or one chosen per request. */
function targetResolver(target) {
  let lastText;
  let lastUrl;
  return function resolveTarget() {
    const value = typeof target === 'function' ? target() : target;
    const text = String(value);
    if (text === lastText) return lastUrl;
    let url;
    try {
      url = new URL(text);
    } catch {
      throw new TypeError(`awsRequestGuard: target ${JSON.stringify(text)} is not a URL (expected e.g. http://127.0.0.1:54321)`);
    }
    if (url.protocol !== 'http:') throw new TypeError(`awsRequestGuard: target ${url.href} must be an http:// URL`);
    lastText = text;
    lastUrl = url;
    return url;
  };
}

/**
 * Redirects AWS requests of this process to `target` until the returned function is called.
 * Installs stack: the latest one redirects; uninstalling removes only its own entry; with none
 * left, requests pass untouched and the original functions are restored.
 *
 * @param {{ target: string | URL | (() => string | URL), caller?: () => string | undefined }} options
 * @returns {() => void} uninstall
 */
function install(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('awsRequestGuard.install: options { target, caller } are required');
  const resolveTarget = targetResolver(options.target);
  if (typeof options.target !== 'function') resolveTarget();
  if (options.caller !== undefined && typeof options.caller !== 'function') throw new TypeError('awsRequestGuard.install: caller must be a function');
  const guard = {
    get target() {
      return resolveTarget();
    },
    caller: options.caller ?? (() => undefined),
    agent: new http.Agent({ keepAlive: true }),
  };
  stack.push(guard);
  patch();
  let removed = false;
  return function uninstall() {
    if (removed) return;
    removed = true;
    const index = stack.indexOf(guard);
    if (index !== -1) stack.splice(index, 1);
    guard.agent.destroy();
    if (stack.length === 0) unpatch();
  };
}

module.exports = { install, isAwsHost };

// `node --require awsRequestGuard.cjs` with TIDEPOOL_AWS_TARGET set: guard the whole process.
if (require.main !== module && typeof process.env.TIDEPOOL_AWS_TARGET === 'string' && process.env.TIDEPOOL_AWS_TARGET !== '') {
  const label = process.env.TIDEPOOL_AWS_CALLER;
  if (!globalThis[Symbol.for('tidepool.awsRequestGuard.env')]) {
    globalThis[Symbol.for('tidepool.awsRequestGuard.env')] = install({ target: process.env.TIDEPOOL_AWS_TARGET, caller: () => label });
  }
}

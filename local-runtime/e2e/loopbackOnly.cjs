'use strict';
// Safety net of the installed-package e2e test, loaded into every process it starts
// (`NODE_OPTIONS=--require <this file>`): a TCP connection to anything but the loopback
// interface fails at once, naming the host, instead of leaving the machine. Tidepool itself
// must already keep handlers' AWS calls local; this only makes sure a gap in that is a test
// failure and never traffic to a real AWS endpoint.
const net = require('node:net');

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default: localhost
  if (LOOPBACK_NAMES.has(host)) return true;
  return net.isIPv4(host) && host.startsWith('127.');
}

/** The host a `Socket#connect` call names, or undefined for a local (IPC) path. */
function hostOf(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === 'object') return typeof first.path === 'string' && first.path !== '' ? undefined : first.host ?? 'localhost';
  if (typeof first === 'string' && Number.isNaN(Number(first))) return undefined; // IPC path
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = hostOf(args);
  if (host !== undefined && !isLoopback(host)) {
    const error = new Error(`tidepool e2e: blocked a connection to ${host} (only 127.0.0.1 may be reached in this test)`);
    error.code = 'ECONNREFUSED';
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};

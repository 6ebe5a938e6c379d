import { writeFileSync } from 'node:fs';

/**
 * Writes a `node --require` preload to `file` that appends one line to `logFile` for every socket the
 * process opens (`connect <host>:<port>` or a pipe path) and every host name it looks up
 * (`lookup <name>`): how tests prove a framework process stayed on loopback.
 */
export function writeNetworkLogger(file: string, logFile: string): string {
  writeFileSync(
    file,
    `const net = require('node:net'); const dns = require('node:dns'); const fs = require('node:fs');
const log = (line) => fs.appendFileSync(${JSON.stringify(logFile)}, line + '\\n');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  log('connect ' + (typeof first === 'object' ? (first.path ?? first.host + ':' + first.port) : String(args[1] ?? 'localhost') + ':' + first));
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (host, ...rest) { log('lookup ' + host); return lookup.call(this, host, ...rest); };
`,
  );
  return file;
}

import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanNpmEnv, packTarball, type PackedTarball } from './packTarball';
import { writeNetworkLogger } from '../service/testing/writeNetworkLogger';

// Packs this repository as `npm publish` would (prepack runs the build), installs the tarball into a
// scratch Serverless service the way a user does, and uses it from there: as a library (ESM, CommonJS,
// TypeScript types), as the `tidepool` command, and as an osls plugin.
const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const env = cleanNpmEnv();

let work: string;
let app: string;
let packed: PackedTarball;

function inApp(file: string, args: string[]) {
  return run(file, args, { cwd: app, env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tidepool-pack-'));
  packed = await packTarball();

  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-service', version: '1.0.0', private: true }));
  writeFileSync(join(app, 'serverless.yml'), [
    'service: scratch',
    'provider: { name: aws, runtime: nodejs20.x, region: eu-west-1 }',
    'plugins: [tidepool]',
    'functions:',
    '  hello: { handler: handler.hello }',
    '',
  ].join('\n'));
  writeFileSync(join(app, 'handler.js'), 'exports.hello = async (event) => ({ greeting: `hello ${event.name}` });\n');
  const installStarted = Date.now();
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', packed.file], { cwd: app, env, timeout: 120_000 });
  console.log(`tidepool package: ${packed.file} ${(packed.size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked, ${packed.entryCount} files; npm pack (with build) ${packed.packMs} ms, npm install ${Date.now() - installStarted} ms`);
}, 480_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the build, the bin and the preload assets, and no TypeScript sources', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'local-runtime/cli/bin.js', 'dist/index.js', 'dist/index.cjs', 'dist/runtime.cjs', 'dist/cli.js', 'dist/plugin.cjs', 'dist/plugin-commands.json', 'dist/index.d.ts', 'dist/index.d.cts']));
    expect(paths.filter((path) => !path.startsWith('dist/') && !['package.json', 'README.md', 'local-runtime/cli/bin.js'].includes(path))).toEqual([]);
    expect(paths.filter((path) => /\.[cm]?ts$/.test(path) && !/\.d\.c?ts$/.test(path))).toEqual([]);
    const assets = readdirSync(join(root, 'local-runtime', 'preload')).filter((name) => /\.(cjs|d\.cts)$/.test(name) && !name.includes('.test.'));
    expect(paths.filter((path) => path.startsWith('dist/preload/')).sort()).toEqual(assets.map((name) => `dist/preload/${name}`).sort());
  });
});

describe('the installed package, as a library', () => {
  const script = 'const runtime = await createRuntime({ servicePath: process.cwd() });'
    + ' const out = await runtime.functions.get("hello").invoke({ name: "pack" });'
    + ' console.log(JSON.stringify({ functions: [...runtime.functions.keys()], region: runtime.service.region, out }));'
    + ' await runtime.close();';

  it('is imported as ESM and runs the service', async () => {
    const { stdout } = await inApp(process.execPath, ['--input-type=module', '-e', `import { createRuntime } from 'tidepool'; ${script}`]);
    expect(JSON.parse(stdout)).toMatchObject({ functions: ['hello'], region: 'eu-west-1' });
  });

  it('serves the lib/ framework to handlers as ES modules', async () => {
    const { stdout } = await inApp(process.execPath, ['--input-type=module', '-e', "import { ok } from 'tidepool/lib/http/responses'; console.log(JSON.stringify(ok({ a: 1 })))"]);
    expect(JSON.parse(stdout)).toMatchObject({ statusCode: 200, body: '{"a":1}' });
  });

  it('is required as CommonJS (the plugin class, carrying the runtime API) and runs the service', async () => {
    // Without require(esm), as under jest's module system: every package the CommonJS build requires is CommonJS.
    const { stdout } = await inApp(process.execPath, ['--no-experimental-require-module', '-e', `const tidepool = require('tidepool'); const { createRuntime } = tidepool;
      if (typeof tidepool !== 'function' || !Object.keys(tidepool).includes('createRuntime')) throw new Error('not the plugin class with the API');
      (async () => { ${script} })().catch((error) => { console.error(error); process.exitCode = 1; });`]);
    expect(JSON.parse(stdout)).toMatchObject({ functions: ['hello'], region: 'eu-west-1' });
  });

  it('type-checks TypeScript that uses createRuntime, in ESM and CommonJS files, against the shipped types', async () => {
    // Each @ts-expect-error fails the check when the type it probes is `any` (a missing or unresolved declaration).
    const source = [
      "import { createRuntime, VirtualClock, type Runtime } from 'tidepool';",
      'export async function open(): Promise<Runtime<VirtualClock>> {',
      "  const runtime = await createRuntime({ servicePath: '.', stage: 'test' });",
      '  const keys: string[] = [...runtime.functions.keys()];',
      '  void keys;',
      '  // @ts-expect-error: a DynamoDBDocumentClient (from @aws-sdk/lib-dynamodb, imported by the shipped types) is no number',
      '  const document: number = runtime.clients.document;',
      '  void document;',
      '  return runtime;',
      '}',
      "// @ts-expect-error: servicePath is a string",
      'void createRuntime({ servicePath: 42 });',
      '',
    ].join('\n');
    const libUse = [
      "import { ok } from 'tidepool/lib/http/responses';",
      '// @ts-expect-error: statusCode is a number (lib\'s types, over @types/aws-lambda, are there)',
      'export const status: string = ok({}).statusCode;',
      '',
    ].join('\n');
    writeFileSync(join(app, 'check.mts'), source + libUse);
    writeFileSync(join(app, 'check.cts'), source);
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck',
      '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types'), 'check.mts', 'check.cts'];
    await expect(inApp(process.execPath, [tsc, ...args])).resolves.toMatchObject({ stdout: '' });
  });
});

describe('the installed package, as commands', () => {
  it('runs `npx tidepool --help`, `npx tidepool start --help` and every other command\'s --help', async () => {
    const commands = ['start', 'invoke', 'replay', 'record', 'filters', 'serve', 'token'];
    const [{ stdout }, { stdout: start }] = await Promise.all([inApp('npx', ['tidepool', '--help']), inApp('npx', ['tidepool', 'start', '--help'])]);
    for (const command of commands) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(start).toContain('Usage: tidepool start [options]');
    // The rest in one process (each through the installed CLI's main, as bin.js runs it), to spare a CLI start-up each.
    const { stdout: helps } = await inApp(process.execPath, ['--input-type=module', '-e', `
      const { main } = await import(${JSON.stringify(join(app, 'node_modules', 'tidepool', 'dist', 'cli.js'))});
      for (const command of ${JSON.stringify(commands.slice(1))}) if (await main(['node', 'tidepool', command, '--help']) !== 0) process.exitCode = 1;`]);
    for (const command of commands.slice(1)) expect(helps).toContain(`Usage: tidepool ${command} `);
  });

  it('runs `npx tidepool invoke` on the service', async () => {
    const { stdout } = await inApp('npx', ['tidepool', 'invoke', 'hello', '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ result: { greeting: 'hello undefined' } });
  });

  it('is an osls plugin: `sls tidepool start --help` lists the start flags, `sls tidepool invoke` runs', async () => {
    const { stdout: help } = await inApp('npx', ['sls', 'tidepool', 'start', '--help']);
    expect(help).toMatch(/tidepool start\s+run the service locally/);
    for (const flag of ['--port / -p', '--dynamodb-port', '--watch / -w', '--stage / -s']) expect(help).toContain(flag);
    const { stdout } = await inApp('npx', ['sls', 'tidepool', 'invoke', '--function', 'hello', '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ result: { greeting: 'hello undefined' } });
  });
});

describe('the installed package, as an osls plugin in the user\'s own sls process', () => {
  let service: string;
  let logger: string;
  let networkLog: string;
  /** `sls <args>` as the host process, logging every socket it opens and every name it looks up (not its children's). */
  const sls = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, ['--require', logger, join(app, 'node_modules', 'osls', 'bin', 'serverless.js'), ...args], {
      cwd: service, env: { ...env, ...extraEnv }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024,
    }).then(
      (out) => ({ code: 0, ...out }),
      (error: { code?: number; stdout: string; stderr: string }) => ({ code: error.code ?? -1, stdout: error.stdout, stderr: error.stderr }),
    );
  const connections = () => readFileSync(networkLog, 'utf8').trim().split('\n').filter((line) => line !== '');

  beforeAll(() => {
    service = join(work, 'values-app');
    mkdirSync(service);
    symlinkSync(join(app, 'node_modules'), join(service, 'node_modules'));
    writeFileSync(join(service, 'package.json'), JSON.stringify({ name: 'values-service', version: '1.0.0', private: true }));
    writeFileSync(join(service, 'serverless.yml'), [
      'service: values',
      'provider:',
      '  name: aws',
      '  runtime: nodejs20.x',
      '  environment:',
      '    API_URL: ${ssm:/x}',
      '    ACCOUNT: ${aws:accountId}',
      '    STAGE: ${sls:stage}',
      'plugins: [tidepool]',
      'functions:',
      '  hello: { handler: handler.hello }',
      '',
    ].join('\n'));
    writeFileSync(join(service, 'handler.js'), 'exports.hello = async () => ({ api: process.env.API_URL, account: process.env.ACCOUNT, stage: process.env.STAGE });\n');
    networkLog = join(work, 'host-network.log');
    logger = join(work, 'hostNetworkLogger.cjs');
    writeNetworkLogger(logger, networkLog);
  });

  // No profile may be consulted for the host's own resolution: this one does not exist anywhere.
  const noProfile = { AWS_PROFILE: 'tidepool-test-no-such-profile' };

  it('resolves ${ssm:…} and ${aws:accountId} in the host from tidepool.values.yml, connecting to nothing but loopback', async () => {
    writeFileSync(join(service, 'tidepool.values.yml'), 'ssm:\n  /x: https://api.example.test\n');
    rmSync(networkLog, { force: true });
    const result = await sls(['tidepool', 'invoke', '--function', 'hello', '--json'], noProfile);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ functionName: 'values-dev-hello', result: { api: 'https://api.example.test', account: '000000000000', stage: 'dev' } });
    expect(connections().length).toBeGreaterThanOrEqual(1); // the host did ask (ssm, aws), locally
    expect(connections().filter((line) => !/^(connect 127\.0\.0\.1:\d+|lookup 127\.0\.0\.1)$/.test(line))).toEqual([]);
  });

  it('`sls tidepool start --stage test` starts the service in the host (banner names stage test), and stops on SIGINT', async () => {
    rmSync(networkLog, { force: true });
    const child = spawn(process.execPath, ['--require', logger, join(app, 'node_modules', 'osls', 'bin', 'serverless.js'), 'tidepool', 'start', '--stage', 'test', '--port', '0', '--dynamodb-port', '0'], {
      cwd: service, env: { ...env, ...noProfile, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Ctrl-C to stop')) resolve(out);
        });
        void exited.then((code) => reject(new Error(`sls tidepool start exited (${code}) early:\n${out}\n${err}`)));
      });
      expect(banner).toContain('tidepool · values · stage test · us-east-1');
    } finally {
      child.kill('SIGINT');
      await exited;
    }
    expect(connections().filter((line) => !/^(connect 127\.0\.0\.1:\d+|lookup 127\.0\.0\.1)$/.test(line))).toEqual([]);
  });

  it('without the value, fails with the hint tidepool start gives, naming the variable and the values file', async () => {
    rmSync(join(service, 'tidepool.values.yml'), { force: true });
    rmSync(networkLog, { force: true });
    const result = await sls(['tidepool', 'invoke', '--function', 'hello', '--json'], noProfile);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('Cannot resolve variable at "provider.environment.API_URL": Value not found at "ssm" source');
    expect(result.stderr).toContain(`Tidepool resolves \${ssm:/x} locally and never asks AWS: give it a value in ${join(service, 'tidepool.values.yml')}:\nssm:\n  /x: <value>`);
    expect(connections().filter((line) => !/^(connect 127\.0\.0\.1:\d+|lookup 127\.0\.0\.1)$/.test(line))).toEqual([]);
  });

  it('changes nothing for other commands: `sls print` with the plugin listed asks the framework\'s own credentials', async () => {
    writeFileSync(join(service, 'tidepool.values.yml'), 'ssm:\n  /x: https://api.example.test\n');
    const result = await sls(['print'], { ...noProfile, AWS_EC2_METADATA_DISABLED: 'true' });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('AWS profile "tidepool-test-no-such-profile" doesn\'t seem to be configured');
  });
});

/** The jest a user's own test suite would run, pinned (installed from the npm registry into the scratch service). */
const JEST_VERSION = '30.5.2';

describe('the installed package, in the user\'s own jest', () => {
  it('createRuntime (handlers: import) runs a JS and a TS handler from a CommonJS jest test, with the function environment at Init', async () => {
    const service = join(work, 'jest-app');
    mkdirSync(join(service, 'src'), { recursive: true });
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-exact', `jest@${JEST_VERSION}`], { cwd: app, env, timeout: 120_000 });
    symlinkSync(join(app, 'node_modules'), join(service, 'node_modules'));
    writeFileSync(join(service, 'package.json'), JSON.stringify({ name: 'jest-service', version: '1.0.0', private: true }));
    writeFileSync(join(service, 'serverless.yml'), [
      'service: jestapp',
      'provider: { name: aws, runtime: nodejs20.x, environment: { TABLE: "orders-${sls:stage}" } }',
      'functions:',
      '  js: { handler: handler.hello }',
      '  ts: { handler: src/tsHandler.handler }',
      '',
    ].join('\n'));
    writeFileSync(join(service, 'handler.js'), 'const table = process.env.TABLE;\nexports.hello = async (event) => ({ greeting: `js ${event.name}`, table });\n');
    writeFileSync(join(service, 'src', 'tsHandler.ts'), [
      'interface Event { name?: string }',
      "const table: string = process.env.TABLE ?? 'unset';",
      'export const handler = async (event: Event): Promise<{ greeting: string; table: string }> => ({ greeting: `ts ${event.name}`, table });',
      '',
    ].join('\n'));
    writeFileSync(join(service, 'runtime.test.js'), [
      "const { createRuntime } = require('tidepool');",
      'let runtime;',
      'beforeAll(async () => { runtime = await createRuntime({ servicePath: __dirname }); }, 60000);',
      "test.each(['js', 'ts'])('the %s handler', async (key) => {",
      "  const record = await runtime.functions.get(key).invoke({ name: 'jest' });",
      '  expect(record.error).toBeUndefined();',
      "  expect(record.result).toEqual({ greeting: `${key} jest`, table: 'orders-dev' });",
      '});',
      '',
    ].join('\n'));
    const { stdout, stderr } = await run(process.execPath, [join(app, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--rootDir', service], {
      cwd: service, env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout + stderr).toMatch(/Tests:\s+2 passed, 2 total/);
  }, 180_000);
});

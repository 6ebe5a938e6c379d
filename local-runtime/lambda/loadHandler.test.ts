import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { withCaller } from '../preload/callerContext';
import { FunctionInitError } from './errors';
import { loadHandler, type LoadHandlerOptions } from './loadHandler';
import type { LambdaContext } from './types';
import { withEnvironment } from './withEnvironment';

// Lambda's Node.js handler loading and its Init errors:
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
// https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-deployment.html (Runtime.ImportModuleError, Runtime.HandlerNotFound, Runtime.UserCodeSyntaxError)
const FIXTURES = fileURLToPath(new URL('./testdata', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tidepool-load-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const outDir = join(scratch, 'build');
const context = {} as LambdaContext;

function load(handler: string, mode: 'import' | 'bundle', options: LoadHandlerOptions = {}) {
  return loadHandler(FIXTURES, handler, mode, { outDir, ...options });
}
async function initFailure(promise: Promise<unknown>): Promise<FunctionInitError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FunctionInitError);
  return error as FunctionInitError;
}

describe.each(['import', 'bundle'] as const)('loadHandler (%s mode)', (mode) => {
  it('loads a TypeScript handler with a relative import', async () => {
    const handler = await load('ts/create.handler', mode);
    await expect(handler({ name: 'ada' }, context)).resolves.toEqual({ greeting: 'hello ada' });
  });

  it('loads a default export named by the handler string (file.default)', async () => {
    await expect((await load('ts/create.default', mode))({}, context)).resolves.toBe('ts default export');
    await expect((await load('esm/plain.default', mode))({}, context)).resolves.toBe('the default export');
  });

  it('promisifies a callback-style CommonJS handler (3 parameters)', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html (callback-based handlers)
    const ok = await load('cjs/callback.handler', mode);
    const failing = await load('cjs/callback.failing', mode);
    await expect(ok({ n: 21 }, context)).resolves.toEqual({ doubled: 42 });
    await expect(failing({}, context)).rejects.toThrow('cb failed');
  });

  it('finds module.exports members Node cannot detect statically, and nested handler paths', async () => {
    await expect((await load('cjs/moduleExports.handler', mode))({ value: 7 }, context)).resolves.toEqual({ cjs: true, got: 7 });
    await expect((await load('cjs/moduleExports.nested.inner', mode))({}, context)).resolves.toBe('nested export');
  });

  it('loads an .mjs handler', async () => {
    const handler = await load('esm/plain.handler', mode);
    await expect(handler({ value: 7 }, context)).resolves.toEqual({ got: 7 });
  });

  it('loads ES modules with top-level await (.js with "type": "module", and TypeScript)', async () => {
    const init: LoadHandlerOptions['init'] = (task) => withEnvironment({ TABLE: `tla-${mode}` }, task);
    const js = await load('esm-js/topLevelAwait.handler', mode, { init });
    const ts = await load('ts/topLevelAwait.handler', mode, { init });
    await expect(js({}, context)).resolves.toMatchObject({ table: `tla-${mode}` });
    await expect(ts({}, context)).resolves.toEqual({ table: `tla-${mode}` });
  });

  it('bundles TypeScript as CommonJS even under "type": "module" (CommonJS interop), and as an ES module when it reads import.meta', async () => {
    await expect((await load('esm-ts/v2Interop.handler', mode))({}, context)).resolves.toBe('function');
    const { here } = await (await load('esm-ts/importMeta.handler', mode))({}, context) as { here: string };
    expect(here).toMatch(mode === 'bundle' ? /esm-ts-importMeta\.mjs$/ : /esm-ts\/importMeta\.ts$/);
  });

  it('evaluates the module inside `init`, so module-scope code sees the environment and the caller', async () => {
    const handler = await load('env/moduleScope.handler', mode, {
      init: (task) => withEnvironment({ TABLE: `orders-${mode}`, AWS_LAMBDA_FUNCTION_NAME: 'svc-dev-fn', AWS_REGION: 'eu-west-1' }, () => withCaller('fn', task)),
    });
    expect(process.env.TABLE).toBeUndefined();
    const seen = await handler({}, context);
    expect(seen).toMatchObject({ table: `orders-${mode}`, functionName: 'svc-dev-fn', region: 'eu-west-1' });
    // In bundle mode the bundle carries its own copy of callerContext, so only import mode shares it.
    if (mode === 'import') expect(seen).toMatchObject({ caller: 'fn' });
  });

  it('reports a missing package as Runtime.ImportModuleError with the require stack', async () => {
    const error = await initFailure(load('broken/missingModule.handler', mode));
    expect(error.payload.errorType).toBe('Runtime.ImportModuleError');
    expect(error.payload.errorMessage).toMatch(/^Error: Cannot find module 'tidepool-fixture-not-installed'\nRequire stack:\n- .*missingModule/);
    expect(error.payload.trace?.[0]).toBe("Runtime.ImportModuleError: Error: Cannot find module 'tidepool-fixture-not-installed'");
  });

  it('reports a missing relative file as Runtime.ImportModuleError', async () => {
    const error = await initFailure(load('broken/missingRelative.handler', mode));
    expect(error.payload).toMatchObject({ errorType: 'Runtime.ImportModuleError', errorMessage: expect.stringMatching(/^Error: Cannot find module '\.\/helperThatDoesNotExist'/) });
  });

  it('reports a missing or non-function export as Runtime.HandlerNotFound, in Lambda\'s words', async () => {
    const missing = await initFailure(load('broken/missingExport.handler', mode));
    const notFunction = await initFailure(load('broken/missingExport.notAFunction', mode));
    expect(missing.payload).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'broken/missingExport.handler is undefined or not exported' });
    expect(notFunction.payload).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'broken/missingExport.notAFunction is not a function' });
    expect(missing.payload.trace?.[0]).toBe('Runtime.HandlerNotFound: broken/missingExport.handler is undefined or not exported');
  });

  it('reports an error thrown at Init with its own type and message', async () => {
    const error = await initFailure(load('broken/initThrow.handler', mode));
    expect(error.payload).toMatchObject({ errorType: 'ConfigError', errorMessage: 'TABLE_NAME is not set' });
    expect(error.payload.trace?.[0]).toBe('ConfigError: TABLE_NAME is not set');
  });

  it('reports a missing handler file as Runtime.ImportModuleError naming every file tried', async () => {
    const error = await initFailure(load('nope/missing.handler', mode));
    expect(error.payload).toMatchObject({ errorType: 'Runtime.ImportModuleError', errorMessage: "Error: Cannot find module 'missing'" });
    expect(error.tried.map((f) => f.slice(f.lastIndexOf('.')))).toEqual(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);
    expect(error.hint).toContain('nope/missing.ts');
  });

  it('reports a syntax error as Runtime.UserCodeSyntaxError naming the file', async () => {
    const error = await initFailure(load('broken/syntax.handler', mode));
    expect(error.payload.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(error.payload.errorMessage).toMatch(/^SyntaxError: /);
    expect(error.payload.trace?.join('\n')).toMatch(mode === 'bundle' ? /broken\/syntax\.js:\d+:\d+/ : /broken\/syntax\.js/);
  });

  it('rejects a handler string Lambda rejects (Runtime.MalformedHandlerName)', async () => {
    expect((await initFailure(load('ts/create', mode))).payload).toMatchObject({ errorType: 'Runtime.MalformedHandlerName', errorMessage: 'Bad handler' });
    expect((await initFailure(load('../ts/create.handler', mode))).payload.errorMessage).toBe(
      "'../ts/create.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
    );
  });

  it('supports `import * as AWS from "aws-sdk"` (v2) and default imports, resolved from the service', async () => {
    const handler = await load('sdk/v2Namespace.handler', mode);
    await expect(handler({}, context)).resolves.toEqual({
      client: expect.any(String), region: 'eu-west-1', documentClient: 'function', credentials: 'function',
    });
  });
});

describe('loadHandler bundle mode', () => {
  it('writes the bundle under <service>/.tidepool/build by default and reloads after a rebuild', async () => {
    const service = join(scratch, 'reload');
    mkdirSync(join(service, 'functions'), { recursive: true });
    writeFileSync(join(service, 'functions/fn.ts'), `export const handler = async () => 'v1';`);
    const first = await loadHandler(service, 'functions/fn.handler', 'bundle');
    writeFileSync(join(service, 'functions/fn.ts'), `export const handler = async () => 'v2';`);
    const second = await loadHandler(service, 'functions/fn.handler', 'bundle');

    expect(existsSync(join(service, '.tidepool/build/functions-fn.cjs'))).toBe(true);
    await expect(first(undefined, context)).resolves.toBe('v1');
    await expect(second(undefined, context)).resolves.toBe('v2');
  });

  it('re-evaluates an ES module bundle at each load (a retried Init runs the module again)', async () => {
    const load = (value: string) => loadHandler(FIXTURES, 'esm-js/topLevelAwait.handler', 'bundle', { outDir, init: (task) => withEnvironment({ TABLE: value }, task) });
    const [first, second] = [await load('one'), await load('two')];
    await expect(first({}, context)).resolves.toMatchObject({ table: 'one' });
    await expect(second({}, context)).resolves.toMatchObject({ table: 'two' });
  });

  describe('a service outside this repository (no aws-sdk, no @aws-sdk installed)', () => {
    const service = join(scratch, 'bare-service');
    mkdirSync(join(service, 'node_modules/greeting-lib'), { recursive: true });
    cpSync(join(FIXTURES, 'sdk'), join(service, 'sdk'), { recursive: true });
    writeFileSync(join(service, 'node_modules/greeting-lib/index.js'), `module.exports = (name) => 'hi ' + name + ' from the service';`);
    writeFileSync(join(service, 'usesLib.js'), `const greet = require('greeting-lib'); exports.handler = async () => greet('ada');`);
    writeFileSync(join(service, 'usesKafka.mjs'), `import { KafkaClient } from '@aws-sdk/client-kafka';\nexport const handler = async () => new KafkaClient({});`);

    it('resolves packages from the service\'s node_modules', async () => {
      await expect((await loadHandler(service, 'usesLib.handler', 'bundle'))({}, context)).resolves.toBe('hi ada from the service');
    });

    it('leaves custom.esbuild.external packages out of the bundle, loaded from the service at run time', async () => {
      mkdirSync(join(service, 'node_modules/where-lib'), { recursive: true });
      writeFileSync(join(service, 'node_modules/where-lib/index.js'), `module.exports = () => __dirname;`);
      writeFileSync(join(service, 'usesWhere.js'), `const where = require('where-lib'); exports.handler = async () => where();`);
      const bundled = await loadHandler(service, 'usesWhere.handler', 'bundle');
      const external = await loadHandler(service, 'usesWhere.handler', 'bundle', { external: ['where-lib', '@aws-sdk/*'] });
      await expect(bundled({}, context)).resolves.toBe(join(service, '.tidepool/build'));
      await expect(external({}, context)).resolves.toBe(join(service, 'node_modules/where-lib'));
    });

    it('falls back to the @aws-sdk v3 client next to Tidepool (Lambda\'s nodejs18.x+ runtimes include v3)', async () => {
      await expect((await loadHandler(service, 'sdk/v3.handler', 'bundle'))({}, context)).resolves.toEqual({ client: 'DynamoDBClient' });
    });

    it('says aws-sdk v2 is not part of the nodejs18.x and later runtimes', async () => {
      // https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html (SDK versions included in the runtimes)
      const error = await initFailure(loadHandler(service, 'sdk/v2Namespace.handler', 'bundle', { runtime: 'nodejs20.x' }));
      expect(error.payload.errorType).toBe('Runtime.ImportModuleError');
      expect(error.payload.errorMessage).toMatch(/^Error: Cannot find module 'aws-sdk'\nRequire stack:/);
      expect(error.payload.errorMessage).toContain('aws-sdk (AWS SDK for JavaScript v2) is not part of the Lambda nodejs18.x and later runtimes (this function runs on nodejs20.x)');
      expect(error.hint).toContain('npm install aws-sdk');
    });

    it('names an @aws-sdk client that neither the service nor Tidepool installs, and how to install it', async () => {
      const error = await initFailure(loadHandler(service, 'usesKafka.handler', 'bundle'));
      expect(error.payload.errorMessage).toMatch(/Cannot find (module|package) '@aws-sdk\/client-kafka'/);
      expect(error.hint).toContain('npm install --save-dev @aws-sdk/client-kafka');
    });
  });
});

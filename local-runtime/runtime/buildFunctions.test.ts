import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { FunctionModel, ServiceModel } from '../service/ServiceModel';
import { buildFunctions, type HandlerMode } from './buildFunctions';
import { LocalResources } from './LocalResources';

// Init runs with the function's environment in place, and a failed Init is reported at each
// invocation and retried: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
const FIXTURES = fileURLToPath(new URL('../lambda/testdata', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tidepool-build-fns-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const trigger = { type: 'invoke', source: 'test' };

function fn(key: string, handler: string, environment: Record<string, unknown> = {}): FunctionModel {
  return { key, name: `svc-dev-${key}`, handler, timeout: 6, memorySize: 1024, environment, events: [] };
}
function service(servicePath: string, functions: FunctionModel[]): ServiceModel {
  return {
    servicePath, service: 'svc', stage: 'dev', region: 'eu-west-1', accountId: '000000000000', runtime: 'nodejs20.x',
    functions: Object.fromEntries(functions.map((f) => [f.key, f])), resources: {}, httpApi: {},
  };
}
async function build(model: ServiceModel, mode: HandlerMode = 'import') {
  return buildFunctions(model, new LocalResources(model), mode, () => undefined);
}

describe('buildFunctions', () => {
  it.each(['import', 'bundle'] as const)('loads each module with its function\'s environment and as its caller (%s mode)', async (mode) => {
    const model = service(FIXTURES, [fn('readsEnv', 'env/moduleScope.handler', { TABLE: `orders-${mode}` })]);
    const { functions } = await build(model, mode);
    expect(process.env.TABLE).toBeUndefined();

    const record = await functions.get('readsEnv')!.invoke({}, trigger);

    expect(record.result).toMatchObject({ table: `orders-${mode}`, functionName: 'svc-dev-readsEnv', region: 'eu-west-1' });
    if (mode === 'import') expect(record.result).toMatchObject({ caller: 'readsEnv' });
  });

  it('keeps going when handlers fail to load: each failure is listed and answers its invocations', async () => {
    const model = service(FIXTURES, [
      fn('works', 'ts/create.handler'),
      fn('missingModule', 'broken/missingModule.handler'),
      fn('noExport', 'broken/missingExport.handler'),
      fn('throwsAtInit', 'broken/initThrow.handler'),
    ]);
    const built = await build(model, 'bundle');

    expect(built.initErrors().map((f) => [f.functionKey, f.error.errorType])).toEqual([
      ['missingModule', 'Runtime.ImportModuleError'],
      ['noExport', 'Runtime.HandlerNotFound'],
      ['throwsAtInit', 'ConfigError'],
    ]);
    expect(built.initErrors()[0]!.hint).toContain('npm install tidepool-fixture-not-installed');
    expect(built.functions.size).toBe(4);
    await expect(built.functions.get('works')!.invoke({ name: 'ada' }, trigger)).resolves.toMatchObject({ outcome: 'success', result: { greeting: 'hello ada' } });
    const failed = await built.functions.get('noExport')!.invoke({}, trigger);
    expect(failed).toMatchObject({
      outcome: 'error',
      error: {
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: 'broken/missingExport.handler is undefined or not exported',
        trace: [expect.stringMatching(/^Runtime\.HandlerNotFound: broken\/missingExport\.handler is undefined or not exported$/)],
      },
    });
  });

  it('retries a failed Init at the next invocation, and forgets the failure once it loads', async () => {
    const servicePath = mkdtempSync(join(scratch, 'retry-'));
    writeFileSync(join(servicePath, 'fn.js'), `throw new TypeError('not ready yet');`);
    const built = await build(service(servicePath, [fn('flaky', 'fn.handler')]), 'bundle');
    const flaky = built.functions.get('flaky')!;
    expect(built.initErrors()).toMatchObject([{ functionKey: 'flaky', error: { errorType: 'TypeError', errorMessage: 'not ready yet' } }]);
    await expect(flaky.invoke({}, trigger)).resolves.toMatchObject({ outcome: 'error', error: { errorType: 'TypeError', errorMessage: 'not ready yet' } });

    writeFileSync(join(servicePath, 'fn.js'), `const table = process.env.TABLE_AT_INIT ?? 'env seen'; exports.handler = async () => 'ready: ' + table;`);
    await expect(flaky.invoke({}, trigger)).resolves.toMatchObject({ outcome: 'success', result: 'ready: env seen' });
    expect(built.initErrors()).toEqual([]);
  });

  it('applies custom.esbuild.external and exclude (serverless-esbuild) in bundle mode', async () => {
    const servicePath = mkdtempSync(join(scratch, 'external-'));
    mkdirSync(join(servicePath, 'node_modules/where-lib'), { recursive: true });
    writeFileSync(join(servicePath, 'node_modules/where-lib/index.js'), `module.exports = () => __dirname;`);
    writeFileSync(join(servicePath, 'fn.js'), `const where = require('where-lib'); exports.handler = async () => where();`);
    const model = { ...service(servicePath, [fn('where', 'fn.handler')]), custom: { esbuild: { external: ['where-lib'], exclude: ['@aws-sdk/*'] } } };
    const built = await build(model, 'bundle');

    await expect(built.functions.get('where')!.invoke({}, trigger)).resolves.toMatchObject({ result: join(servicePath, 'node_modules/where-lib') });
  });

  it('reloadHandlers keeps a working handler when its reload fails, and lets a failed function take a handler that now loads', async () => {
    const servicePath = mkdtempSync(join(scratch, 'reload-'));
    writeFileSync(join(servicePath, 'a.js'), `exports.handler = async () => 'a1';`);
    writeFileSync(join(servicePath, 'b.js'), `exports.other = async () => 'no handler';`);
    const built = await build(service(servicePath, [fn('a', 'a.handler'), fn('b', 'b.handler')]), 'bundle');
    expect(built.initErrors().map((f) => f.functionKey)).toEqual(['b']);

    writeFileSync(join(servicePath, 'a.js'), `exports.handler = async () => {;`);
    writeFileSync(join(servicePath, 'b.js'), `exports.handler = async () => 'b2';`);
    await expect(built.reloadHandlers()).rejects.toMatchObject({ payload: { errorType: 'Runtime.UserCodeSyntaxError' } });

    expect(built.initErrors()).toEqual([]);
    await expect(built.functions.get('a')!.invoke({}, trigger)).resolves.toMatchObject({ result: 'a1' });
    await expect(built.functions.get('b')!.invoke({}, trigger)).resolves.toMatchObject({ result: 'b2' });
  });
});

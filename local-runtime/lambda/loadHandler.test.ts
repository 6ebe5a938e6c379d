import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LambdaError } from './errors';
import { loadHandler } from './loadHandler';
import type { LambdaContext } from './types';

const service = mkdtempSync(join(tmpdir(), 'tidepool-load-'));
function write(relative: string, source: string): void {
  const file = join(service, relative);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, source);
}
afterAll(() => rmSync(service, { recursive: true, force: true }));

write('functions/orders/create.ts', `
  import { greet } from './greet';
  export const handler = async (event: { name: string }) => ({ greeting: greet(event.name) });
  export const notAFunction = 42;
`);
write('functions/orders/greet.ts', `export const greet = (name: string): string => 'hello ' + name;`);
write('functions/legacy/cb.js', `
  exports.handler = function (event, context, callback) { callback(null, { doubled: event.n * 2 }); };
  exports.failing = function (event, context, callback) { callback(new Error('cb failed')); };
`);
write('functions/esm/plain.mjs', `export async function handler(event) { return { got: event.value }; }`);

const context = {} as LambdaContext;

describe.each(['import', 'bundle'] as const)('loadHandler (%s mode)', (mode) => {
  it('loads a TypeScript handler with a relative import', async () => {
    const handler = await loadHandler(service, 'functions/orders/create.handler', mode);
    await expect(handler({ name: 'ada' }, context)).resolves.toEqual({ greeting: 'hello ada' });
  });

  it('promisifies a callback-style handler (3 parameters)', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html (callback-based handlers)
    const ok = await loadHandler(service, 'functions/legacy/cb.handler', mode);
    const failing = await loadHandler(service, 'functions/legacy/cb.failing', mode);
    await expect(ok({ n: 21 }, context)).resolves.toEqual({ doubled: 42 });
    await expect(failing({}, context)).rejects.toThrow('cb failed');
  });

  it('loads an .mjs handler', async () => {
    const handler = await loadHandler(service, 'functions/esm/plain.handler', mode);
    await expect(handler({ value: 7 }, context)).resolves.toEqual({ got: 7 });
  });

  it('rejects a missing file naming the handler and every file tried', async () => {
    const error = await loadHandler(service, 'functions/nope/missing.handler', mode).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LambdaError);
    expect((error as LambdaError).code).toBe('lambda.handler.fileNotFound');
    expect((error as LambdaError).message).toContain('functions/nope/missing.handler');
    expect((error as LambdaError).tried.map((f) => f.slice(f.lastIndexOf('.')))).toEqual(['.ts', '.mts', '.js', '.mjs', '.cjs']);
  });

  it('rejects a missing or non-function export', async () => {
    await expect(loadHandler(service, 'functions/orders/create.nothing', mode)).rejects.toThrow(/no exported function "nothing"/);
    await expect(loadHandler(service, 'functions/orders/create.notAFunction', mode)).rejects.toThrow(/found number/);
  });
});

describe('loadHandler bundle mode', () => {
  it('writes the bundle under .tidepool/build and reloads after a rebuild', async () => {
    write('functions/reload/fn.ts', `export const handler = async () => 'v1';`);
    const first = await loadHandler(service, 'functions/reload/fn.handler', 'bundle');
    write('functions/reload/fn.ts', `export const handler = async () => 'v2';`);
    const second = await loadHandler(service, 'functions/reload/fn.handler', 'bundle');

    expect(existsSync(join(service, '.tidepool/build/functions-reload-fn.cjs'))).toBe(true);
    await expect(first(undefined, context)).resolves.toBe('v1');
    await expect(second(undefined, context)).resolves.toBe('v2');
  });

  it('reports an esbuild failure as a LambdaError', async () => {
    write('functions/broken/fn.ts', `export const handler = async () => {;`);
    await expect(loadHandler(service, 'functions/broken/fn.handler', 'bundle')).rejects.toMatchObject({
      code: 'lambda.handler.buildFailed',
    });
  });

  it('rejects a handler string without an export part', async () => {
    await expect(loadHandler(service, 'functions/orders/create', 'import')).rejects.toMatchObject({
      code: 'lambda.handler.invalid',
    });
  });
});

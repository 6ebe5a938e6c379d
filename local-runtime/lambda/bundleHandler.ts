import { join } from 'node:path';
import { build } from 'esbuild';
import { LambdaError } from './errors';

/**
 * Builds a handler file the way it is deployed (esbuild, bundled, CJS) into
 * `<outDir>/<name>.cjs` and returns the output path.
 * Target is node20 (the local Node), a deviation from the deployed nodejs22.x.
 */
export async function bundleHandler(options: {
  file: string;
  handler: string;
  modulePath: string;
  outDir: string;
}): Promise<string> {
  const name = options.modulePath.replace(/[\\/]+/g, '-').replace(/^[-.]+/, '');
  const outfile = join(options.outDir, `${name}.cjs`);
  try {
    await build({
      entryPoints: [options.file],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      external: ['@aws-sdk/*'],
      outfile,
      logLevel: 'silent',
    });
  } catch (cause) {
    throw new LambdaError(
      'lambda.handler.buildFailed',
      `Handler "${options.handler}": esbuild failed to bundle ${options.file}: ${(cause as Error).message}`,
      { handler: options.handler, tried: [options.file], cause },
    );
  }
  return outfile;
}

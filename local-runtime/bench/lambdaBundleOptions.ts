import type { BuildOptions } from 'esbuild';

/**
 * How serverless-esbuild packages a function (custom.esbuild in serverless.yml: bundle, minify,
 * cjs, node22, `@aws-sdk/*` external), minus the source map and without writing files. The bundle
 * benchmarks measure with exactly these options.
 */
export const LAMBDA_BUNDLE_OPTIONS = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['@aws-sdk/*'],
  write: false,
  logLevel: 'silent',
} as const satisfies BuildOptions;

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import type { Metafile } from 'esbuild';

/** The package a bare import names: `@aws-sdk/client-sqs` for `@aws-sdk/client-sqs/x`, `jose` for `jose`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Checks that every package the bundles import at run time is one of package.json's
 * `dependencies` (a user's install has no devDependencies), and returns them, sorted.
 * `resolvedByPath` names packages the code finds without importing them (`require.resolve`).
 *
 * @throws Error listing each missing package and a bundle input that imports it.
 */
export function checkExternals(metafiles: Metafile[], packageJsonFile: string, resolvedByPath: readonly string[] = []): string[] {
  const { dependencies = {} } = JSON.parse(readFileSync(packageJsonFile, 'utf8')) as { dependencies?: Record<string, string> };
  const builtins = new Set(builtinModules);
  const used = new Map<string, string>(resolvedByPath.map((name) => [name, 'resolved by path at run time']));
  for (const metafile of metafiles) {
    for (const [output, { imports }] of Object.entries(metafile.outputs)) {
      for (const { path, external } of imports) {
        if (!external || path.startsWith('.') || path.startsWith('node:') || builtins.has(path)) continue;
        if (!used.has(packageOf(path))) used.set(packageOf(path), `${output} imports ${path}`);
      }
    }
  }
  const missing = [...used].filter(([name]) => !(name in dependencies));
  if (missing.length > 0) {
    throw new Error(`build: packages used at run time are not in package.json "dependencies":\n${missing.map(([name, where]) => `  ${name} (${where})`).join('\n')}`);
  }
  return [...used.keys()].sort();
}

import { generateDtsBundle } from 'dts-bundle-generator';

/**
 * The declarations of `entry` and everything it exports, as one self-contained `.d.ts` text
 * (packages stay imports), so it reads the same as ESM `index.d.ts` and CommonJS `index.d.cts`:
 * no relative imports whose extension rules differ between the two.
 */
export function bundleTypes(entry: string, tsconfig: string): string {
  const [text] = generateDtsBundle(
    [{ filePath: entry, output: { noBanner: true, exportReferencedTypes: false } }],
    { preferredConfigPath: tsconfig },
  );
  if (text === undefined) throw new Error(`build: dts-bundle-generator wrote no types for ${entry}`);
  return `// Types of Tidepool's runtime API (generated from local-runtime/index.ts by local-runtime/build).\n${text}`;
}

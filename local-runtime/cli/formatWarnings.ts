import { formatWarning, type ServiceWarning } from '../service/ServiceWarning';
import { color } from './colors';

/**
 * The warnings section of a banner: a yellow heading with the count, then one yellow line per
 * distinct warning (each listed once). No lines at all when there is nothing to warn about.
 *
 * @example
 * process.stdout.write(formatWarnings(runtime.warnings).join('\n'));
 * //   ⚠ 2 warnings: not emulated locally
 * //     functions.hello.events[0].http: API Gateway REST API (http) events are not served locally: …
 */
export function formatWarnings(warnings: readonly ServiceWarning[]): string[] {
  const lines = [...new Set(warnings.map(formatWarning))];
  if (lines.length === 0) return [];
  return [
    color.yellow(`  ⚠ ${lines.length} warning${lines.length === 1 ? '' : 's'}: not emulated locally, and what happens instead`),
    ...lines.map((line) => color.yellow(`    ${line}`)),
  ];
}

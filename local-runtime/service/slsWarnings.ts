/**
 * The warnings the framework printed on stderr while resolving (`Warning: …` blocks), one string
 * per problem: each item of "Invalid configuration encountered" (schema errors, printed instead of
 * thrown under `configValidationMode: warn`) becomes its own warning prefixed with the service file.
 */
export function slsWarnings(stderr: string, serviceFileName: string): string[] {
  // eslint-disable-next-line no-control-regex
  const lines = stderr.replace(/\u001b\[[0-9;]*m/g, '').split(/\r?\n/);
  const warnings: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const header = /^\s*Warning: (.*)$/.exec(lines[index]!)?.[1]?.trim();
    if (header === undefined) continue;
    const items: string[] = [];
    while (index + 1 < lines.length && /^\s+\S/.test(lines[index + 1]!)) items.push(lines[++index]!.trim());
    if (/^Invalid configuration encountered/.test(header)) {
      for (const item of items) warnings.push(`${serviceFileName}: ${item} (configuration schema: a warning for a local run)`);
    } else {
      warnings.push([header, ...items].join(' '));
    }
  }
  return warnings;
}

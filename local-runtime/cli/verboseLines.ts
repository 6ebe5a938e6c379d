import { platformLines } from '../lambda/platformLines';
import type { InvocationRecord } from '../lambda/types';
import type { Runtime } from '../runtime/Runtime';
import { color } from './colors';

/** `start --verbose`: Lambda's START / END / REPORT lines of one invocation, dimmed, with the function's name. */
export function verboseLines(runtime: Runtime, record: InvocationRecord): string {
  const model = runtime.service.functions[record.functionKey];
  const logs = (model?.config?.['logs'] ?? {}) as { logFormat?: unknown };
  const lines = platformLines(record, model?.memorySize ?? 1024, logs.logFormat === 'JSON' ? 'JSON' : 'Text');
  return lines.map((line) => `${color.dim(`${record.functionName} `)}${line}\n`).join('');
}

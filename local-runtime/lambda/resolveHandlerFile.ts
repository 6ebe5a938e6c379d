import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FunctionInitError } from './errors';
import { runtimeErrorPayload } from './toErrorPayload';

/** Extensions tried, in order, for the file part of a handler string (TypeScript sources first). */
export const HANDLER_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

export interface ResolvedHandler {
  /** Absolute path of the handler file. */
  file: string;
  /** File part of the handler string, e.g. `functions/orders/createOrder`. */
  modulePath: string;
  /** Export name, e.g. `handler`; a dotted path (`routes.get`) names a nested property, as on Lambda. */
  exportName: string;
}

/**
 * Splits a handler string the way Lambda's Node.js runtime does: the module is the last path
 * segment up to its first dot, the rest is the export (a dotted path reaches nested properties).
 * `functions/orders/createOrder.handler` gives `functions/orders/createOrder` + `handler`. If no
 * file exists for that split, a split at the last dot is tried too (file names with dots; Lambda
 * would not find those). The first existing file among {@link HANDLER_EXTENSIONS} wins.
 *
 * @throws FunctionInitError `Runtime.MalformedHandlerName` (no export part, or `..` in the
 * handler, which Lambda rejects) or `Runtime.ImportModuleError` (no file).
 */
export function resolveHandlerFile(servicePath: string, handler: string): ResolvedHandler {
  if (handler.includes('..')) {
    throw malformed(handler, `'${handler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const name = basename(handler);
  const firstDot = name.indexOf('.');
  if (firstDot <= 0 || firstDot === name.length - 1) {
    throw malformed(handler, 'Bad handler', `"${handler}" must be "path/to/file.exportName"`);
  }
  const dir = dirname(handler) === '.' ? '' : `${dirname(handler)}/`;
  const splits = [firstDot, name.lastIndexOf('.')]
    .filter((dot, index, all) => all.indexOf(dot) === index && dot < name.length - 1)
    .map((dot) => ({ modulePath: dir + name.slice(0, dot), exportName: name.slice(dot + 1) }));
  const tried: string[] = [];
  for (const split of splits) {
    for (const ext of HANDLER_EXTENSIONS) {
      const file = join(servicePath, split.modulePath + ext);
      tried.push(file);
      if (existsSync(file)) return { file, ...split };
    }
  }
  throw new FunctionInitError({
    handler,
    payload: runtimeErrorPayload('Runtime.ImportModuleError', `Error: Cannot find module '${name.slice(0, firstDot)}'`),
    hint: `no handler file for "${handler}"; tried ${tried.join(', ')}`,
    tried,
  });
}

function malformed(handler: string, message: string, hint?: string): FunctionInitError {
  return new FunctionInitError({
    handler,
    payload: runtimeErrorPayload('Runtime.MalformedHandlerName', message),
    ...(hint !== undefined && { hint }),
  });
}

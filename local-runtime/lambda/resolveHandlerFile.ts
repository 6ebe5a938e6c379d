import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LambdaError } from './errors';

/** Extensions tried, in order, for the file part of a handler string. */
export const HANDLER_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'] as const;

export interface ResolvedHandler {
  /** Absolute path of the handler file. */
  file: string;
  /** File part of the handler string, e.g. `functions/orders/createOrder`. */
  modulePath: string;
  /** Export name, e.g. `handler`. */
  exportName: string;
}

/**
 * Splits `functions/orders/createOrder.handler` into file and export, and finds the first
 * existing file among the supported extensions.
 * @throws LambdaError `lambda.handler.invalid` or `lambda.handler.fileNotFound`
 */
export function resolveHandlerFile(servicePath: string, handler: string): ResolvedHandler {
  const dot = handler.lastIndexOf('.');
  const slash = handler.lastIndexOf('/');
  if (dot <= 0 || dot < slash || dot === handler.length - 1) {
    throw new LambdaError(
      'lambda.handler.invalid',
      `Handler "${handler}" is not of the form "path/to/file.exportName".`,
      { handler },
    );
  }
  const modulePath = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const tried = HANDLER_EXTENSIONS.map((ext) => join(servicePath, modulePath + ext));
  const file = tried.find((candidate) => existsSync(candidate));
  if (file === undefined) {
    throw new LambdaError(
      'lambda.handler.fileNotFound',
      `Handler "${handler}": no file found. Tried: ${tried.join(', ')}.`,
      { handler, tried },
    );
  }
  return { file, modulePath, exportName };
}

import { readFileSync } from 'node:fs';

/** Reads a recorded event from `events/` (path relative to this folder, e.g. `streams/order-inserted.json`). */
export function loadEvent<T>(relativePath: string): T {
  return JSON.parse(readFileSync(new URL(relativePath, import.meta.url), 'utf8')) as T;
}

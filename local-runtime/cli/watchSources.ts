import { watch, type FSWatcher } from 'node:fs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders never watched: dependencies, build output, VCS. */
const IGNORED = new Set(['node_modules', '.git', '.tidepool', '.serverless', '.esbuild']);
const SOURCE = /\.(m?[jt]s|cjs|json)$/;
const DEBOUNCE_MS = 100;

export interface SourceChanges {
  /** Handler or library source files changed (relative paths). */
  onSources(files: string[]): void;
  /** serverless.yml or infra/ changed: the service model itself is stale. */
  onService(file: string): void;
}

/**
 * Watches the service's source folders (every top-level folder but dependencies and build
 * output) and serverless.yml, batching bursts of changes (an editor's save, a git checkout).
 * Returns a function that stops watching.
 */
export function watchSources(servicePath: string, listener: SourceChanges): () => void {
  const watchers: FSWatcher[] = [];
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    const files = [...pending];
    pending = new Set();
    const service = files.find((f) => f === 'serverless.yml' || f.startsWith('infra/'));
    if (service) listener.onService(service);
    const sources = files.filter((f) => SOURCE.test(f) && !f.startsWith('infra/'));
    if (sources.length > 0) listener.onSources(sources);
  };
  const changed = (file: string) => {
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  };
  for (const entry of readdirSync(servicePath, { withFileTypes: true })) {
    if (entry.isDirectory() && !IGNORED.has(entry.name)) {
      watchers.push(watch(join(servicePath, entry.name), { recursive: true }, (_event, name) => name && changed(`${entry.name}/${name}`)));
    } else if (entry.name === 'serverless.yml') {
      watchers.push(watch(join(servicePath, entry.name), () => changed('serverless.yml')));
    }
  }
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/**
 * The cache key of a resolved service: sha256 over the service file (`serverless.yml`, `.ts`, …, its
 * name included), every infra/*.yml (sorted by name, names included), each file the service file
 * names literally in `${file(…)}`, the value of every environment variable they reference with
 * `${env:NAME…}`, the local values file (`tidepool.values.yml`, or its absence), the stage, the
 * region option and the framework that resolves it (`osls@4.3.1`, `serverless@3.40.0`). Any edit to
 * those inputs, a changed variable, or a framework upgrade gives a new key. Modules a `.js`/`.ts`
 * service file imports are not part of it.
 */
export function serviceCacheKey(input: {
  servicePath: string;
  /** Absolute path of the service file (default `<servicePath>/serverless.yml`). */
  serviceFile?: string;
  /** The `--stage` option; undefined (the framework's own rule) keys apart from every named stage. */
  stage: string | undefined;
  region: string | undefined;
  /** `name@version` of the framework, e.g. `osls@4.3.1`. */
  framework: string;
  /** Bytes of the local values file, `undefined` when there is none. */
  values?: Buffer | undefined;
  env?: NodeJS.ProcessEnv;
}): string {
  const hash = createHash('sha256');
  const part = (label: string, value: string | Buffer): void => {
    hash.update(`${label}\0${Buffer.byteLength(value)}\0`);
    hash.update(value);
  };
  const serviceFile = input.serviceFile ?? join(input.servicePath, 'serverless.yml');
  const files: Array<[string, Buffer]> = [[basename(serviceFile), readFileSync(serviceFile)]];
  for (const name of infraFiles(input.servicePath)) files.push([`infra/${name}`, readFileSync(join(input.servicePath, 'infra', name))]);
  const texts = files.map(([, content]) => content.toString('utf8'));
  for (const name of referencedFiles(texts)) {
    if (files.some(([label]) => resolve(input.servicePath, label) === resolve(input.servicePath, name))) continue;
    files.push([`file:${name}`, readOptional(resolve(input.servicePath, name))]);
  }
  for (const [label, content] of files) part(label, content);
  for (const name of referencedEnvironment(files.map(([, content]) => content.toString('utf8')))) {
    part(`env:${name}`, (input.env ?? process.env)[name] ?? '\0unset');
  }
  part('values', input.values ?? '\0none');
  part('stage', input.stage ?? '\0unset');
  part('region', input.region ?? '');
  part('framework', input.framework);
  return hash.digest('hex');
}

function infraFiles(servicePath: string): string[] {
  try {
    return readdirSync(join(servicePath, 'infra'))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function readOptional(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return Buffer.from('\0missing');
    throw error;
  }
}

/** Paths named literally in `${file(path)…}` (no variable inside the path), sorted. */
function referencedFiles(texts: string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/\$\{file\(\s*['"]?([^)'"$]+?)['"]?\s*\)/g)) names.add(match[1]!);
  return [...names].sort();
}

/** Names used as `${env:NAME}` / `${env:NAME, default}` in the service files, sorted. */
function referencedEnvironment(texts: string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
  return [...names].sort();
}

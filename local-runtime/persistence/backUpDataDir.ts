import { cp } from 'node:fs/promises';

/** Copies a data directory beside itself before `--repair` changes it; returns the copy's path. */
export async function backUpDataDir(dir: string): Promise<string> {
  const copy = `${dir.replace(/[/\\]+$/, '')}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await cp(dir, copy, { recursive: true, errorOnExist: true, force: false });
  return copy;
}

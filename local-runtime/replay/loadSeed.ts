import { readFile } from 'node:fs/promises';
import type { WireItem } from '../engine/streams/types';
import { itemProblems } from './attributeValueProblems';
import { ReplayError } from './errors';

/** One item to put before a replay. `table` is as written in the file (a table name or logical id). */
export interface SeedItem {
  table: string;
  item: WireItem;
  where: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a seed file `{ "<table name or logical id>": [ <item in DynamoDB JSON>, … ] }` and validates
 * every item's shape.
 *
 * @throws ReplayError `replay.seed.invalid` listing every bad item with file and path.
 */
export async function loadSeed(file: string): Promise<SeedItem[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ReplayError('replay.seed.invalid', `cannot read the seed file ${file}: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) {
    throw new ReplayError('replay.seed.invalid', `${file}: expected {"<table name or logical id>": [<item in DynamoDB JSON>, …]}`);
  }
  const items: SeedItem[] = [];
  const problems: string[] = [];
  for (const [table, list] of Object.entries(parsed)) {
    if (!Array.isArray(list)) {
      problems.push(`${file}: ${table}: expected an array of items`);
      continue;
    }
    list.forEach((item, index) => {
      const where = `${file}: ${table}[${index}]`;
      const found = itemProblems(item, '');
      if (found.length === 0) items.push({ table, item: item as WireItem, where });
      for (const problem of found) problems.push(`${where}${problem.field}: ${problem.message}`);
    });
  }
  if (problems.length > 0) throw new ReplayError('replay.seed.invalid', `the seed file ${file} has invalid items`, problems);
  return items;
}

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LocalValues } from './loadLocalValues';
import type { MissingValue } from './localValueHandlers';
import { missingValues, refName, valuesFileSnippet } from './missingValues';

/** The hint after a "Value not found at "ssm" source" style failure: which variables, and what to add where. */
export function missingHint(message: string, values: LocalValues, asked: Set<MissingValue>, texts: string[]): string {
  const sources = new Set([...message.matchAll(/Value not found at "(ssm|cf|s3)" source/g)].map((m) => m[1]));
  if (sources.size === 0) return '';
  const refs = missingValues(values, asked, texts).filter((ref) => sources.has(ref.source));
  const what = refs.length > 0 ? refs.map(refName).join(', ') : [...sources].map((s) => `\${${s}:…}`).join(', ');
  return (
    `\n\nTidepool resolves ${what} locally and never asks AWS: ` +
    `give ${refs.length === 1 ? 'it a value' : 'them values'} in ${values.file}` +
    (refs.length > 0 ? `:\n${valuesFileSnippet(refs)}` : ' (sections ssm:, cf: <stack>: <output>, s3: <bucket/key>)')
  );
}

/** The service file and infra/*.yml, scanned for literal `${ssm:…}` style variables. */
export function serviceTexts(file: string): string[] {
  const texts = [readFileSync(file, 'utf8')];
  const infra = join(dirname(file), 'infra');
  try {
    for (const name of readdirSync(infra)) if (/\.ya?ml$/.test(name)) texts.push(readFileSync(join(infra, name), 'utf8'));
  } catch {
    // no infra folder
  }
  return texts;
}

import type { LocalValues } from './loadLocalValues';
import type { MissingValue } from './localValueHandlers';

/** A `${ssm:…}` / `${cf:…}` / `${s3:…}` the framework could not find locally. */
export interface MissingValueRef {
  source: 'ssm' | 'cf' | 's3';
  /** `/app/url`, `stack.Output` (or just `stack` when only the stack is known), `bucket/key`. */
  address: string;
}

/**
 * The AWS-backed variables with no local value: those the resolver was asked for and did not hold
 * (`asked`), plus those written literally in the service texts that the values file lacks (a
 * `${cf:stack.Output}` of a stack the file has but an output it lacks is only found this way).
 */
export function missingValues(values: LocalValues, asked: Iterable<MissingValue>, texts: string[]): MissingValueRef[] {
  const found = new Map<string, MissingValueRef>();
  const add = (ref: MissingValueRef) => found.set(`${ref.source}:${ref.address}`, ref);
  for (const text of texts) {
    for (const match of text.matchAll(/\$\{(ssm|cf|s3)(?:\([^)]*\))?:([^,}\s'"]+)/g)) {
      const source = match[1] as MissingValueRef['source'];
      const address = match[2]!;
      if (address.includes('${') || address.includes('$')) continue; // built from other variables: only known when asked
      if (!hasValue(values, source, address)) add({ source, address });
    }
  }
  for (const entry of asked) {
    const source = entry.slice(0, entry.indexOf(':')) as MissingValueRef['source'];
    const address = entry.slice(entry.indexOf(':') + 1);
    if (source === 'cf' && [...found.values()].some((ref) => ref.source === 'cf' && ref.address.startsWith(`${address}.`))) continue;
    add({ source, address });
  }
  return [...found.values()];
}

function hasValue(values: LocalValues, source: MissingValueRef['source'], address: string): boolean {
  if (source === 'ssm') return Object.hasOwn(values.ssm, address);
  if (source === 's3') return Object.hasOwn(values.s3, address);
  const dot = address.indexOf('.');
  const stack = values.cf[dot === -1 ? address : address.slice(0, dot)];
  return stack !== undefined && (dot === -1 || Object.hasOwn(stack, address.slice(dot + 1)));
}

/** What to add to the values file for `refs`, as YAML the user can paste. */
export function valuesFileSnippet(refs: MissingValueRef[]): string {
  const lines: string[] = [];
  for (const source of ['ssm', 'cf', 's3'] as const) {
    const of = refs.filter((ref) => ref.source === source);
    if (of.length === 0) continue;
    lines.push(`${source}:`);
    if (source !== 'cf') for (const ref of of) lines.push(`  ${yamlKey(ref.address)}: <value>`);
    else {
      const stacks = new Map<string, string[]>();
      for (const ref of of) {
        const dot = ref.address.indexOf('.');
        const stack = dot === -1 ? ref.address : ref.address.slice(0, dot);
        stacks.set(stack, [...(stacks.get(stack) ?? []), ...(dot === -1 ? [] : [ref.address.slice(dot + 1)])]);
      }
      for (const [stack, outputs] of stacks) {
        lines.push(`  ${yamlKey(stack)}:`);
        if (outputs.length === 0) lines.push('    <OutputKey>: <value>');
        for (const output of outputs) lines.push(`    ${yamlKey(output)}: <value>`);
      }
    }
  }
  return lines.join('\n');
}

function yamlKey(key: string): string {
  return /^[A-Za-z0-9_/][A-Za-z0-9_./-]*$/.test(key) ? key : JSON.stringify(key);
}

/** `ssm:/app/url` style name of a ref, as written in the service file. */
export function refName(ref: MissingValueRef): string {
  return `\${${ref.source}:${ref.address}}`;
}

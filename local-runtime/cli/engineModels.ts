import { InvalidArgumentError, Option, type Command } from 'commander';
import { CliError } from './CliError';
import { capacityReport, formatCapacityReport } from '../engine/capacity/capacityReport';
import type { Engine } from '../engine/Engine';
import type { ConsistencyOptions } from '../engine/consistency/ConsistencyModel';

/** `--capacity` and `--consistency` as parsed. */
export interface EngineModelFlags {
  capacity?: boolean;
  consistency?: ConsistencyOptions;
}

const KEYS: Record<string, keyof ConsistencyOptions> = { 'read-lag': 'readLag', 'gsi-lag': 'gsiLag', seed: 'seed' };

/**
 * `--consistency read-lag=<ms>,gsi-lag=<ms>[,seed=<n>]`: each part once, non-negative integers (a seed may be any
 * integer). Throws commander's InvalidArgumentError naming the part that is wrong.
 */
export function parseConsistencyFlag(text: string): ConsistencyOptions {
  const out: ConsistencyOptions = {};
  for (const part of text.split(',')) {
    const [name = '', value, ...rest] = part.trim().split('=');
    const key = KEYS[name];
    if (key === undefined || value === undefined || rest.length > 0) {
      throw new InvalidArgumentError(`"${part}" is not one of read-lag=<ms>, gsi-lag=<ms>, seed=<n>`);
    }
    if (out[key] !== undefined) throw new InvalidArgumentError(`${name} is given twice`);
    const number = Number(value);
    const valid = value.trim() !== '' && Number.isSafeInteger(number) && (key === 'seed' || number >= 0);
    if (!valid) throw new InvalidArgumentError(`${name}=${value}: expected ${key === 'seed' ? 'an integer' : 'a whole number of milliseconds (0 or more)'}`);
    out[key] = number;
  }
  return out;
}

/** Add `--capacity` and `--consistency` to a command (start, serve). */
export function withEngineModelOptions(command: Command): Command {
  return command
    .option('--capacity', 'throttle as AWS does: provisioned capacity with burst, on-demand peaks, hot keys (report at exit)')
    .addOption(new Option('--consistency <spec>', 'stale eventually consistent reads and GSI lag: read-lag=<ms>,gsi-lag=<ms>[,seed=<n>]').argParser(parseConsistencyFlag));
}

/** The engine options the flags ask for. */
export function engineModelOptions(flags: EngineModelFlags): { capacity?: true; consistency?: ConsistencyOptions } {
  return { ...(flags.capacity === true && { capacity: true as const }), ...(flags.consistency !== undefined && { consistency: flags.consistency }) };
}

/**
 * `serve --data-dir` replays its journal through the engine at start: under the capacity model the replay itself
 * would be throttled and a journaled batch would write items its first run left unprocessed, so the two are refused
 * together.
 */
export function assertDurableCompatible(flags: EngineModelFlags, dataDir: string | undefined): void {
  if (flags.capacity && dataDir !== undefined) {
    throw new CliError('--capacity cannot be combined with --data-dir', 'run the capacity model on an in-memory endpoint (without --data-dir)');
  }
}

/** Banner lines saying which models are on (none when both are off). */
export function engineModelBanner(engine: Engine): string[] {
  const lines: string[] = [];
  if (engine.capacity) lines.push('  Capacity   throttling on: provisioned capacity with 300 s burst, on-demand peaks, 3,000/1,000 units a second per partition key · auto scaling not emulated');
  const c = engine.consistency;
  if (c) lines.push(`  Consistency eventually consistent reads up to ${c.readLag} ms stale, GSIs up to ${c.gsiLag} ms behind (seeded)`);
  return lines;
}

/** The capacity report lines for the end of a session (none when capacity is off). */
export function engineModelReport(engine: Engine): string[] {
  return engine.capacity ? formatCapacityReport(capacityReport(engine.capacity)) : [];
}

import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { assertDurableCompatible, engineModelBanner, engineModelOptions, engineModelReport, parseConsistencyFlag, withEngineModelOptions } from './engineModels';

describe('--consistency', () => {
  it('parses read-lag, gsi-lag and seed in any order', () => {
    expect(parseConsistencyFlag('read-lag=200,gsi-lag=1000,seed=7')).toEqual({ readLag: 200, gsiLag: 1000, seed: 7 });
    expect(parseConsistencyFlag('gsi-lag=50')).toEqual({ gsiLag: 50 });
  });

  it('names the part that is wrong', () => {
    expect(() => parseConsistencyFlag('read-lag=abc')).toThrow('read-lag=abc: expected a whole number of milliseconds (0 or more)');
    expect(() => parseConsistencyFlag('lag=5')).toThrow('"lag=5" is not one of read-lag=<ms>, gsi-lag=<ms>, seed=<n>');
    expect(() => parseConsistencyFlag('read-lag=-1')).toThrow('read-lag=-1');
    expect(() => parseConsistencyFlag('seed=1,seed=2')).toThrow('seed is given twice');
  });

  it('reaches the engine options through commander, with --capacity', () => {
    let seen: unknown;
    const command = withEngineModelOptions(new Command('x')).action((options) => {
      seen = engineModelOptions(options);
    });
    command.parse(['--capacity', '--consistency', 'read-lag=5,seed=3'], { from: 'user' });
    expect(seen).toEqual({ capacity: true, consistency: { readLag: 5, seed: 3 } });
  });
});

describe('serve --data-dir', () => {
  it('refuses --capacity with --data-dir (a journal replay would be throttled) and allows --consistency', () => {
    expect(() => assertDurableCompatible({ capacity: true }, '.data')).toThrow('--capacity cannot be combined with --data-dir');
    expect(() => assertDurableCompatible({ consistency: { readLag: 1 } }, '.data')).not.toThrow();
    expect(() => assertDurableCompatible({ capacity: true }, undefined)).not.toThrow();
  });
});

describe('banner and report', () => {
  it('say nothing when both models are off and name each one that is on', () => {
    const clock = new VirtualClock();
    const off = new Engine({ region: 'us-east-1', accountId: '000000000000', clock });
    expect(engineModelBanner(off)).toEqual([]);
    expect(engineModelReport(off)).toEqual([]);
    const on = new Engine({ region: 'us-east-1', accountId: '000000000000', clock, capacity: true, consistency: { readLag: 10, gsiLag: 20 } });
    expect(engineModelBanner(on).join('\n')).toMatch(/throttling on[^]*auto scaling not emulated[^]*up to 10 ms stale, GSIs up to 20 ms behind/);
    expect(engineModelReport(on)[0]).toBe('Capacity: 0 requests, 0 throttled, 0 items unprocessed');
  });
});

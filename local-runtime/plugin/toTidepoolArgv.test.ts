import { describe, expect, it } from 'vitest';
import type { ArgvPlan } from './oslsCommands';
import { toTidepoolArgv } from './toTidepoolArgv';

const replay: ArgvPlan = {
  path: ['replay'],
  positionals: [{ name: 'function', variadic: false }, { name: 'file', variadic: true }],
  options: { seed: { flag: '--seed', type: 'string' }, json: { flag: '--json', type: 'boolean' }, stage: { flag: '--stage', type: 'string' } },
};

describe('toTidepoolArgv', () => {
  it('puts arguments first, in order, then the options osls parsed', () => {
    expect(toTidepoolArgv(replay, { function: 'onOrderPlaced', file: ['a.jsonl', 'b.jsonl'], seed: 's.json', json: true, stage: 'test' }))
      .toEqual(['replay', 'onOrderPlaced', 'a.jsonl', 'b.jsonl', '--seed', 's.json', '--json', '--stage', 'test']);
  });

  it('drops a false boolean and osls\'s own log options', () => {
    expect(toTidepoolArgv(replay, { function: 'f', file: 'one.json', json: false, verbose: true, debug: '*' })).toEqual(['replay', 'f', 'one.json']);
  });

  it('refuses an osls common option the tidepool command does not have, naming it', () => {
    expect(() => toTidepoolArgv(replay, { function: 'f', config: 'other.yml' })).toThrow(/option --config is not supported by tidepool replay/);
  });
});

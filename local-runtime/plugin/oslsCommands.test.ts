import { describe, expect, it } from 'vitest';
import { program } from '../cli/main';
import { oslsCommands } from './oslsCommands';

describe('oslsCommands', () => {
  const table = oslsCommands(program());
  const tidepool = table.commands.tidepool!;

  it('offers every tidepool command under `sls tidepool`', () => {
    expect(Object.keys(tidepool.commands!).sort()).toEqual(['filters', 'generate-event', 'invoke', 'record', 'replay', 'serve', 'start', 'token']);
    expect(Object.keys(tidepool.commands!.filters!.commands!)).toEqual(['check']);
  });

  it('gives `sls tidepool start` the flags of `tidepool start`, typed as osls requires', () => {
    const start = tidepool.commands!.start!;
    expect(start.lifecycleEvents).toEqual(['run']);
    expect(start.options!.port).toMatchObject({ type: 'string', shortcut: 'p' });
    expect(start.options!['dynamodb-port']).toMatchObject({ type: 'string' });
    expect(start.options!.watch).toMatchObject({ type: 'boolean', shortcut: 'w' });
    expect(start.options!.help).toBeUndefined();
    expect(start.options!.port!.usage).toContain('(default: 3000)');
  });

  it('turns positional arguments into options of the same name', () => {
    expect(tidepool.commands!.invoke!.options!.function).toMatchObject({ type: 'string', required: true });
    expect(tidepool.commands!.replay!.options!.file).toMatchObject({ type: 'multiple', required: true });
    expect(table.plans['tidepool:replay:run']!.positionals).toEqual([{ name: 'function', variadic: false }, { name: 'file', variadic: true }]);
  });

  it('keys one plan per leaf command by the lifecycle event osls hooks', () => {
    expect(Object.keys(table.plans).sort()).toEqual([
      'tidepool:filters:check:run', 'tidepool:generate-event:run', 'tidepool:invoke:run', 'tidepool:record:run', 'tidepool:replay:run',
      'tidepool:serve:run', 'tidepool:start:run', 'tidepool:token:run',
    ]);
    expect(table.plans['tidepool:filters:check:run']!.path).toEqual(['filters', 'check']);
  });
});

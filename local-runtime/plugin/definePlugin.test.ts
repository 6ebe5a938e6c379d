import { afterEach, describe, expect, it, vi } from 'vitest';
import { definePlugin, PLUGIN_ACTIVE_ENV } from './definePlugin';
import type { PluginCommandTable } from './oslsCommands';

const table: PluginCommandTable = {
  commands: { tidepool: { usage: 'Tidepool', commands: { start: { usage: 'start', lifecycleEvents: ['run'], options: { port: { usage: 'port', type: 'string' } } } } } },
  plans: { 'tidepool:start:run': { path: ['start'], positionals: [], options: { port: { flag: '--port', type: 'string' } } } },
};

describe('definePlugin', () => {
  const exitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCode;
    delete process.env[PLUGIN_ACTIVE_ENV];
  });

  it('declares commands and hooks and runs nothing when constructed (osls constructs it for every command)', () => {
    const loadTable = vi.fn(() => table);
    const run = vi.fn(async () => 0);
    const Plugin = definePlugin(loadTable, run);
    const plugin = new Plugin({}, {});
    new Plugin({}, {});
    expect(plugin.commands).toBe(table.commands);
    expect(Object.keys(plugin.hooks)).toEqual(['tidepool:start:run']);
    expect(run).not.toHaveBeenCalled();
    expect(loadTable).toHaveBeenCalledTimes(1);
  });

  it('runs the tidepool command with the flags osls parsed, and passes its exit code on', async () => {
    const run = vi.fn(async (_argv: string[]) => 2);
    const plugin = new (definePlugin(() => table, run))({}, { port: '4000' });
    await plugin.hooks['tidepool:start:run']!();
    expect(run).toHaveBeenCalledWith(['start', '--port', '4000']);
    expect(process.exitCode).toBe(2);
    expect(process.env[PLUGIN_ACTIVE_ENV]).toBeUndefined();
  });

  it('refuses to start Tidepool from inside a running Tidepool command', async () => {
    const run = vi.fn(async () => 0);
    const plugin = new (definePlugin(() => table, run))({}, {});
    process.env[PLUGIN_ACTIVE_ENV] = '1';
    await expect(plugin.hooks['tidepool:start:run']!()).rejects.toThrow(/refusing to start Tidepool recursively/);
    expect(run).not.toHaveBeenCalled();
  });

  it('guards the host process only for `tidepool …` commands, and asyncInit waits for the guard', async () => {
    let settle!: () => void;
    const ready = new Promise<void>((resolve) => (settle = resolve));
    const guardHost = vi.fn(() => ({ ready }));
    const Plugin = definePlugin(() => table, vi.fn(async () => 0), guardHost);
    const deploy = new Plugin({ processedInput: { commands: ['deploy'] } }, {});
    expect(guardHost).not.toHaveBeenCalled();
    expect(deploy.asyncInit).toBeUndefined();
    const start = new Plugin({ processedInput: { commands: ['tidepool', 'start'] } }, { port: '4000' });
    expect(guardHost).toHaveBeenCalledWith({ processedInput: { commands: ['tidepool', 'start'] } }, { port: '4000' });
    let initialised = false;
    const init = start.asyncInit!().then(() => (initialised = true));
    await Promise.resolve();
    expect(initialised).toBe(false);
    settle();
    await init;
    expect(initialised).toBe(true);
  });

  it('does not guard a framework process Tidepool started (it has its own guard)', () => {
    const guardHost = vi.fn(() => ({ ready: Promise.resolve() }));
    process.env[PLUGIN_ACTIVE_ENV] = '1';
    new (definePlugin(() => table, vi.fn(async () => 0), guardHost))({ processedInput: { commands: ['tidepool', 'start'] } }, {});
    expect(guardHost).not.toHaveBeenCalled();
  });
});

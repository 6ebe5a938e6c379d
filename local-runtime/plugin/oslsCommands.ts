import type { Command } from 'commander';

/** One CLI option as the Serverless Framework's plugin API declares it. */
export interface OslsOption {
  usage: string;
  type: 'string' | 'boolean' | 'multiple';
  shortcut?: string;
  required?: boolean;
}

/** One command of a plugin's `commands` object (osls, Serverless Framework v3). */
export interface OslsCommand {
  usage: string;
  lifecycleEvents?: string[];
  options?: Record<string, OslsOption>;
  commands?: Record<string, OslsCommand>;
}

/** How the options of one `sls tidepool …` command turn back into a `tidepool …` command line. */
export interface ArgvPlan {
  /** Command path under `tidepool`, e.g. `['filters', 'check']`. */
  path: string[];
  /** The tidepool command's arguments, in order; `sls` takes each as an option of the same name. */
  positionals: { name: string; variadic: boolean }[];
  /** The tidepool command's options by osls name (the long flag without its dashes). */
  options: Record<string, { flag: string; type: OslsOption['type'] }>;
}

/** The plugin's command table: what osls shows and parses, and how to run each command. */
export interface PluginCommandTable {
  commands: Record<string, OslsCommand>;
  /** Keyed by lifecycle event name, e.g. `tidepool:start:run`. */
  plans: Record<string, ArgvPlan>;
}

/** The event each leaf command runs; osls calls the hook `<command path joined by :>:run`. */
const LIFECYCLE_EVENT = 'run';

/**
 * Derives the `sls tidepool …` commands from the `tidepool` CLI program, so the plugin has exactly
 * the CLI's commands and flags: `tidepool start --port 4000` is `sls tidepool start --port 4000`.
 * Positional arguments become options of the same name (`tidepool invoke createOrder` is
 * `sls tidepool invoke --function createOrder`), since osls reads a bare word as a sub-command.
 *
 * @throws Error when a tidepool argument and option share a name (the plugin could not tell them apart).
 */
export function oslsCommands(program: Command): PluginCommandTable {
  const plans: Record<string, ArgvPlan> = {};
  const root: OslsCommand = { usage: `Tidepool: ${program.description()}`, commands: {} };
  for (const command of program.commands) root.commands![command.name()] = toOslsCommand(command, [command.name()], plans);
  return { commands: { tidepool: root }, plans };
}

function toOslsCommand(command: Command, path: string[], plans: PluginCommandTable['plans']): OslsCommand {
  const subcommands = command.commands.filter((sub) => sub.name() !== 'help');
  if (subcommands.length > 0) {
    const commands: Record<string, OslsCommand> = {};
    for (const sub of subcommands) commands[sub.name()] = toOslsCommand(sub, [...path, sub.name()], plans);
    return { usage: command.description(), commands };
  }
  const options: Record<string, OslsOption> = {};
  const plan: ArgvPlan = { path, positionals: [], options: {} };
  for (const argument of command.registeredArguments) {
    const name = argument.name();
    options[name] = {
      usage: `${argument.description}${argument.variadic ? ' (repeat for more)' : ''} [tidepool ${path.join(' ')} <${name}>]`,
      type: argument.variadic ? 'multiple' : 'string',
      ...(argument.required ? { required: true } : {}),
    };
    plan.positionals.push({ name, variadic: argument.variadic });
  }
  for (const option of command.options) {
    if (option.long === undefined || option.long === '--help') continue;
    const name = option.long.replace(/^--/, '');
    if (name in options) throw new Error(`tidepool ${path.join(' ')}: argument and option share the name "${name}"`);
    const type: OslsOption['type'] = option.required || option.optional ? (option.variadic ? 'multiple' : 'string') : 'boolean';
    const defaultText = option.defaultValue === undefined || (Array.isArray(option.defaultValue) && option.defaultValue.length === 0)
      ? ''
      : ` (default: ${JSON.stringify(option.defaultValue)})`;
    options[name] = {
      usage: `${option.description}${defaultText}`,
      type,
      ...(option.short !== undefined ? { shortcut: option.short.replace(/^-/, '') } : {}),
      ...(option.mandatory ? { required: true } : {}),
    };
    plan.options[name] = { flag: option.long, type };
  }
  plans[[...['tidepool'], ...path, LIFECYCLE_EVENT].join(':')] = plan;
  return { usage: command.description(), lifecycleEvents: [LIFECYCLE_EVENT], options };
}

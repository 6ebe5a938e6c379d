import type { ArgvPlan } from './oslsCommands';

/** Options osls itself reads for every command; they mean nothing to a Tidepool command. */
const OSLS_OWN_OPTIONS = new Set(['verbose', 'debug', 'help', 'version', 'aws-profile']);

/**
 * Turns the options osls parsed for `sls tidepool …` into the arguments of the same `tidepool …`
 * command, e.g. `{ function: 'createOrder', event: 'e.json' }` for `invoke` is
 * `['invoke', 'createOrder', '--event', 'e.json']`.
 *
 * @throws Error naming an option osls accepted (one of its common options, e.g. `--config`) that
 * the Tidepool command does not have, so it is never dropped silently.
 */
export function toTidepoolArgv(plan: ArgvPlan, cliOptions: Record<string, unknown>): string[] {
  const argv = [...plan.path];
  for (const { name, variadic } of plan.positionals) {
    const value = cliOptions[name];
    if (value === undefined) continue;
    argv.push(...(variadic ? asList(value) : [String(value)]));
  }
  for (const [name, value] of Object.entries(cliOptions)) {
    if (value === undefined || plan.positionals.some((positional) => positional.name === name)) continue;
    const option = plan.options[name];
    if (option === undefined) {
      if (OSLS_OWN_OPTIONS.has(name)) continue;
      throw new Error(`sls tidepool ${plan.path.join(' ')}: option --${name} is not supported by tidepool ${plan.path.join(' ')} (run sls tidepool ${plan.path.join(' ')} --help)`);
    }
    if (option.type === 'boolean') {
      if (value === true || value === 'true') argv.push(option.flag);
      continue;
    }
    const values = option.type === 'multiple' ? asList(value) : [String(value)];
    if (values.length > 0) argv.push(option.flag, ...values);
  }
  return argv;
}

function asList(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

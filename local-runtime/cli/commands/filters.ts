import { Command } from 'commander';
import { compileFilter } from '../../mappings/filter/compileFilter';
import { FilterError } from '../../mappings/filter/FilterError';
import { loadService } from '../../service/loadService';
import type { ServiceModel } from '../../service/ServiceModel';
import { color } from '../colors';
import { EXIT } from '../exitCodes';

interface CheckOptions {
  stage?: string;
  json?: boolean;
}

/** One event's filter patterns, checked. */
interface FilterCheck {
  function: string;
  event: string;
  patterns: number;
  valid: boolean;
  error?: { type: string; message: string };
}

/** `tidepool filters check`: validates every filterPatterns list in serverless.yml, as Lambda would at deploy. */
export function filtersCommand(): Command {
  const filters = new Command('filters').description('work with event filter patterns');
  filters
    .command('check')
    .description('validate every filterPatterns list in serverless.yml with the rules Lambda applies')
    .option('-s, --stage <stage>', 'stage to resolve serverless.yml with (default: provider.stage, else dev)')
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      `
Exit code 0 when every pattern is valid, 1 when any is rejected (with AWS's
InvalidParameterValueException message), so it can guard a deploy:
  $ tidepool filters check && sls deploy`,
    )
    .action(async (options: CheckOptions) => {
      const service = await loadService({ servicePath: process.cwd(), stage: options.stage });
      const checks = checkFilters(service);
      if (options.json) process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
      else process.stdout.write(render(checks));
      process.exitCode = checks.every((c) => c.valid) ? EXIT.ok : EXIT.failure;
    });
  return filters;
}

/** Compiles the filter patterns of every event that has them. */
export function checkFilters(service: ServiceModel): FilterCheck[] {
  const checks: FilterCheck[] = [];
  for (const fn of Object.values(service.functions)) {
    fn.events.forEach((event, index) => {
      for (const [type, spec] of Object.entries(event)) {
        const patterns = (spec as { filterPatterns?: unknown } | undefined)?.filterPatterns;
        if (patterns === undefined) continue;
        const where = `events[${index}].${type}.filterPatterns`;
        checks.push({ function: fn.key, event: where, patterns: Array.isArray(patterns) ? patterns.length : 0, ...compile(patterns) });
      }
    });
  }
  return checks;
}

function compile(patterns: unknown): Pick<FilterCheck, 'valid' | 'error'> {
  try {
    if (!Array.isArray(patterns)) throw new FilterError('filterPatterns must be a list of pattern objects');
    compileFilter(patterns as Array<string | Record<string, unknown>>);
    return { valid: true };
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    return { valid: false, error: { type: error.type, message: error.message } };
  }
}

function render(checks: FilterCheck[]): string {
  if (checks.length === 0) return 'no filterPatterns in serverless.yml\n';
  const lines = checks.map((c) =>
    c.valid
      ? `${color.green('✓')} ${c.function}  ${c.event}  ${c.patterns} pattern${c.patterns === 1 ? '' : 's'}`
      : `${color.red('✗')} ${c.function}  ${c.event}  ${c.error!.type}: ${c.error!.message}`,
  );
  const invalid = checks.filter((c) => !c.valid).length;
  const summary = invalid === 0 ? color.green(`${checks.length} filter list(s) valid`) : color.red(`${invalid} of ${checks.length} filter list(s) invalid`);
  return `${lines.join('\n')}\n${summary}\n`;
}

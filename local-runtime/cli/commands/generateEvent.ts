import { Command } from 'commander';
import { loadService } from '../../service/loadService';
import { CliError } from '../CliError';
import { EXIT } from '../exitCodes';
import { sampleEvent, type SampleEventOptions } from '../sampleEvent';

interface GenerateEventOptions {
  stage?: string;
  trigger?: string;
  method?: string;
  path?: string;
  body?: string;
  header?: string[];
}

/** `tidepool generate-event <function>`: prints an event in the exact shape the function's trigger sends. */
export function generateEventCommand(): Command {
  return new Command('generate-event')
    .description("print a sample event in the exact shape one of the function's triggers sends (for tidepool invoke)")
    .argument('<function>', 'function key in serverless.yml')
    .option('-t, --trigger <index>', "index into the function's events (default: the first event with a sample)")
    .option('-m, --method <method>', 'request method (http and httpApi events; default: the route\'s)')
    .option('-p, --path <path>', 'request path without the stage (default: the route path, {param} → param)')
    .option('-b, --body <text>', 'request body, or the message body/detail of sqs, sns and eventBridge events')
    .option('-H, --header <name:value...>', 'request header (repeatable)')
    .option('-s, --stage <stage>', 'stage to resolve serverless.yml with (default: provider.stage, else dev)')
    .addHelpText(
      'after',
      `
Samples exist for http (REST payload 1.0, or the integration: lambda template), httpApi (2.0 or
1.0), stream, sqs, sns, eventBridge and schedule events, with the service's region, account and
resource names.

Examples:
  $ tidepool generate-event getUser --path /users/42 > event.json && tidepool invoke getUser --event event.json
  $ tidepool generate-event createUser --method POST --body '{"name":"Ann"}' -H content-type:application/json
  $ tidepool generate-event onOrder --trigger 1 | tidepool invoke onOrder --event -`,
    )
    .action(async (functionKey: string, options: GenerateEventOptions) => {
      const service = await loadService({ servicePath: process.cwd(), stage: options.stage });
      const trigger = options.trigger === undefined ? undefined : Number(options.trigger);
      if (trigger !== undefined && (!Number.isInteger(trigger) || trigger < 0)) throw new CliError(`--trigger ${options.trigger} is not an event index (0, 1, …)`);
      const headers: Record<string, string> = {};
      for (const header of options.header ?? []) {
        const colon = header.indexOf(':');
        if (colon <= 0) throw new CliError(`--header ${header} is not name:value`);
        headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
      }
      const request: SampleEventOptions = {
        ...(trigger !== undefined && { trigger }),
        ...(options.method !== undefined && { method: options.method }),
        ...(options.path !== undefined && { path: options.path }),
        ...(options.body !== undefined && { body: options.body }),
        headers,
      };
      let event: unknown;
      try {
        event = sampleEvent(service, functionKey, request);
      } catch (error) {
        throw new CliError((error as Error).message, 'run `tidepool generate-event --help` for the options');
      }
      process.stdout.write(`${JSON.stringify(event, null, 2)}\n`);
      process.exitCode = EXIT.ok;
    });
}

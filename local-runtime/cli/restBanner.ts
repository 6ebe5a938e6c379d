import type { RestApi, RestRefusal } from '../rest-api/RestApi';
import { color } from './colors';

/**
 * The REST API lines of `tidepool start`'s banner: its base URL (the stage is part of every
 * path, as in the invoke URL `https://{api-id}.execute-api.{region}.amazonaws.com/{stage}`; there
 * is no option to drop it), one line per method with its authorizer and API-key requirement, and
 * the API keys `private` methods accept.
 */
export function restBannerLines(rest: RestApi | undefined, apiUrl: string): string[] {
  if (rest === undefined) return [];
  const base = `${apiUrl}/${rest.stage}`;
  const lines = [`  REST API   ${color.cyan(base)}   ${color.dim('(http events; same port, stage in the path as in the invoke URL)')}`];
  for (const route of rest.routes) {
    const notes = [
      route.authorizer !== undefined ? `authorizer ${route.authorizer.name} (${route.authorizer.type})` : '',
      route.private === true ? 'x-api-key' : '',
      route.integration === 'AWS' ? 'integration: lambda' : '',
    ].filter((n) => n !== '');
    lines.push(`    ${route.method.padEnd(6)} ${base}${route.path === '/' ? '' : route.path}  → ${route.functionKey}${notes.length > 0 ? color.dim(`  [${notes.join(', ')}]`) : ''}`);
  }
  if (rest.apiKeys.length > 0) lines.push(`  API keys   ${rest.apiKeys.map((k) => `${k.name}: ${k.value}`).join('   ')}`);
  return lines;
}

/** A request the REST API refused (authorizer, API key, validation, limits): `12:00:01.042  (rest api)  GET /dev/x  403 reason`. */
export function formatRefusal(refusal: RestRefusal, atMs: number): string {
  const time = new Date(atMs).toISOString().slice(11, 23);
  return [color.dim(time), color.dim('(rest api)'.padEnd(20)), `http ${refusal.route}`.padEnd(40), ' '.repeat(7), color.yellow(`${refusal.statusCode}: ${refusal.reason}`)].join('  ');
}

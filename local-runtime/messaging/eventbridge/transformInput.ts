import { readJsonPath } from './jsonPath';
import type { LocalRule, LocalTarget } from './LocalBus';

/**
 * What a target receives for an event (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html):
 * the event itself; `Input` (constant JSON); the value at `InputPath`; or `InputTransformer`'s
 * template with each `<name>` replaced by the value at its path: inside a JSON string as text,
 * elsewhere as JSON. A template that is not JSON after substitution is sent as text.
 */
export function transformInput(target: LocalTarget, event: Record<string, unknown>, rule: LocalRule): unknown {
  if (target.Input !== undefined) return parseOr(target.Input);
  if (target.InputPath !== undefined) return readJsonPath(event, target.InputPath);
  const transformer = target.InputTransformer;
  if (transformer === undefined) return event;
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) values.set(name, readJsonPath(event, path));
  values.set('aws.events.rule-arn', rule.arn);
  values.set('aws.events.rule-name', rule.name);
  values.set('aws.events.event.ingestion-time', event['time']);
  values.set('aws.events.event', event);
  values.set('aws.events.event.json', event);
  const template = transformer.InputTemplate;
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '"' && template[i - 1] !== '\\') inString = !inString;
    if (c === '<') {
      const end = template.indexOf('>', i);
      const name = end === -1 ? undefined : template.slice(i + 1, end);
      if (name !== undefined && values.has(name)) {
        const value = values.get(name);
        out += inString ? (typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : JSON.stringify(value) ?? '') : JSON.stringify(value) ?? 'null';
        i = end;
        continue;
      }
    }
    out += c;
  }
  return parseOr(out);
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

import { createHash } from 'node:crypto';

/** An API key of `provider.apiGateway.apiKeys`. */
export interface ApiKey {
  name: string;
  value: string;
  /** The usage plan it belongs to, when keys are grouped by plan. */
  usagePlan?: string;
  enabled: boolean;
}

/**
 * The API keys of `provider.apiGateway.apiKeys` in every form osls accepts: names, `{ name, value,
 * enabled }`, or lists grouped by usage plan name. A key without a `value` gets a stable local
 * value derived from the service, stage and name (AWS generates a random one), so it can be
 * printed at start and used in tests.
 */
export function apiKeysFromService(raw: unknown, seed: string): ApiKey[] {
  const keys: ApiKey[] = [];
  const add = (entry: unknown, usagePlan?: string): void => {
    if (typeof entry === 'string') {
      keys.push({ name: entry, value: localKeyValue(seed, entry), enabled: true, ...(usagePlan !== undefined && { usagePlan }) });
      return;
    }
    if (entry === null || typeof entry !== 'object') return;
    const spec = entry as Record<string, unknown>;
    if (typeof spec['name'] === 'string' || typeof spec['value'] === 'string') {
      const name = String(spec['name'] ?? spec['value']);
      keys.push({
        name,
        value: typeof spec['value'] === 'string' ? spec['value'] : localKeyValue(seed, name),
        enabled: spec['enabled'] !== false,
        ...(usagePlan !== undefined && { usagePlan }),
      });
      return;
    }
    // { planName: [keys] }
    for (const [plan, list] of Object.entries(spec)) for (const item of [list].flat()) add(item, plan);
  };
  for (const entry of [raw ?? []].flat()) add(entry);
  return keys;
}

/** 40 characters, like an API Gateway key. */
function localKeyValue(seed: string, name: string): string {
  return createHash('sha256').update(`${seed}/${name}`).digest('base64url').replace(/[-_]/g, 'x').slice(0, 40);
}

/**
 * Reads a value at a JSONPath of the simple form EventBridge accepts in InputPath and
 * InputPathsMap (`$`, `$.detail.id`, `$.resources[0]`, `$.detail['a-b']`); undefined when absent.
 */
export function readJsonPath(value: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined;
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g)].map((m) => m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3] ?? m[4]));
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step as string | number];
  }
  return current;
}

import { EMULATED_EVENT_TYPES, NOT_EMULATED_EVENTS, UNHONOURED_EVENT_OPTIONS, unknownEvent } from './notEmulatedEvents';
import { describeResourceType } from './notEmulatedResources';
import { DEFAULT_PLUGIN, FUNCTION_SETTINGS, PLUGINS, PROVIDER_SETTINGS, type SettingDescriber } from './notEmulatedSettings';
import type { FunctionModel, ServiceModel } from './ServiceModel';
import type { ServiceWarning } from './ServiceWarning';
import { streamTarget } from './streamTarget';

type Json = Record<string, unknown>;

/**
 * Everything in the service the local runtime does not emulate, each with what happens instead:
 * plugins, provider settings, function events (by index) and their options, function settings,
 * and resource types (one warning per type, naming its resources). The lookup tables are in
 * notEmulatedEvents.ts, notEmulatedResources.ts and notEmulatedSettings.ts.
 *
 * @example
 * notEmulatedWarnings(model).map(formatWarning);
 * // ['functions.hello.events[0].http: API Gateway REST API (http) events are not served locally: GET /hello is not reachable …']
 */
export function notEmulatedWarnings(model: ServiceModel): ServiceWarning[] {
  const warnings: ServiceWarning[] = [];
  for (const plugin of model.plugins ?? []) {
    const message = plugin in PLUGINS ? PLUGINS[plugin] : DEFAULT_PLUGIN;
    if (message !== undefined) warnings.push({ where: `plugins.${plugin}`, message });
  }
  warnings.push(...settingWarnings('provider', model.provider ?? {}, PROVIDER_SETTINGS));
  for (const fn of Object.values(model.functions)) warnings.push(...eventWarnings(fn, model), ...settingWarnings(`functions.${fn.key}`, fn.config ?? {}, FUNCTION_SETTINGS));
  warnings.push(...resourceWarnings(model));
  return warnings;
}

function eventWarnings(fn: FunctionModel, model: ServiceModel): ServiceWarning[] {
  const warnings: ServiceWarning[] = [];
  fn.events.forEach((event, index) => {
    if (event === null || typeof event !== 'object') return; // osls only accepts objects here
    const [type, spec] = Object.entries(event as Json)[0] ?? [];
    if (type === undefined) return;
    const where = `functions.${fn.key}.events[${index}].${type}`;
    if (!EMULATED_EVENT_TYPES.has(type)) {
      warnings.push({ where, message: (NOT_EMULATED_EVENTS[type] ?? unknownEvent)(spec, fn.key) });
      return;
    }
    if (type === 'stream') {
      const target = streamTarget(spec, model);
      if ('notEmulated' in target) warnings.push({ where, message: target.notEmulated });
    }
    if (spec === null || typeof spec !== 'object') return;
    for (const [option, message] of Object.entries(UNHONOURED_EVENT_OPTIONS[type] ?? {})) {
      if ((spec as Json)[option] !== undefined) warnings.push({ where: `${where}.${option}`, message });
    }
  });
  return warnings;
}

function settingWarnings(prefix: string, config: Json, table: Record<string, SettingDescriber>): ServiceWarning[] {
  const warnings: ServiceWarning[] = [];
  for (const [path, describe] of Object.entries(table)) {
    const value = path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Json)[key] : undefined), config);
    const message = value === undefined ? undefined : describe(value);
    if (message !== undefined) warnings.push({ where: `${prefix}.${path}`, message });
  }
  return warnings;
}

/** One warning per resource type that is not emulated, naming its logical ids. */
function resourceWarnings(model: ServiceModel): ServiceWarning[] {
  const byType = new Map<string, string[]>();
  for (const [logicalId, resource] of Object.entries(model.resources)) {
    const ids = byType.get(resource.Type) ?? [];
    byType.set(resource.Type, [...ids, logicalId]);
  }
  const warnings: ServiceWarning[] = [];
  for (const [type, ids] of byType) {
    const message = describeResourceType(type);
    if (message !== undefined) warnings.push({ where: `resources.${ids.join(', ')} (${type})`, message });
  }
  return warnings;
}

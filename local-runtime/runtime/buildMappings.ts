import type { Clock } from '../clock/Clock';
import type { StreamSource } from '../engine/streams/types';
import type { LocalFunction } from '../lambda/LocalFunction';
import { MappingError } from '../mappings/errors';
import { FilterError } from '../mappings/filter/FilterError';
import { onFailureArn } from '../mappings/onFailureArn';
import { StreamMapping } from '../mappings/StreamMapping';
import { resolveIntrinsics } from '../service/resolveIntrinsics';
import type { ServiceModel, StreamEventModel } from '../service/ServiceModel';
import { isLocalStreamEvent } from '../service/streamTarget';
import { ServiceConfigError } from './errors';
import { functionLogicalId, type LocalResources } from './LocalResources';
import type { Outbox } from './Outbox';

export { onFailureArn };

/**
 * One `StreamMapping` per `stream` event of every function, with intrinsics resolved to local
 * values and the on-failure destination delivering into the outbox. Invalid options or filter
 * patterns throw here, so `start` stops before anything runs.
 */
export function buildMappings(deps: {
  service: ServiceModel;
  functions: Map<string, LocalFunction>;
  resources: LocalResources;
  source: StreamSource;
  clock: Clock;
  outbox: Outbox;
}): StreamMapping[] {
  const { service, functions, resources, source, clock, outbox } = deps;
  const mappings: StreamMapping[] = [];
  for (const model of Object.values(service.functions)) {
    model.events.forEach((event, index) => {
      if (!('stream' in event)) return;
      if (!isLocalStreamEvent(event.stream, service)) return; // Kinesis or another stack's table: validateService warns
      const where = `functions.${model.key}.events[${index}].stream`;
      const raw = typeof event.stream === 'string' ? { arn: event.stream } : (event.stream as StreamEventModel);
      const options = resolveIntrinsics(raw, resources, where) as StreamEventModel;
      const streamArn = String(options.arn);
      const fn = functions.get(model.key);
      if (!fn) throw new Error(`no local function for ${model.key}`);
      const destinationArn = onFailureArn(options);
      mappings.push(
        withLocation(where, () => new StreamMapping({
          functionKey: model.key,
          functionArn: resources.getAtt(functionLogicalId(model.key), 'Arn'),
          streamArn,
          source,
          options,
          clock,
          invoke: (batch, { attempt }) =>
            fn.invoke(batch, { type: 'stream', source: tableNameOf(streamArn), records: batch.Records.length, attempt }),
          ...(destinationArn && {
            onFailure: async (record: unknown) => {
              outbox.deliver({
                destinationArn,
                logicalId: resources.findByValue(destinationArn),
                body: JSON.stringify(record),
                sentAt: clock.now(),
              });
            },
          }),
        })),
      );
    });
  }
  return mappings;
}

/** Options or filter patterns a mapping rejects become a config error naming the function and event. */
function withLocation<T>(where: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof MappingError || error instanceof FilterError) {
      const [, fn = '?', rest = where] = /^functions\.([^.]+)\.(.*)$/.exec(where) ?? [];
      const type = error instanceof FilterError ? `${error.type}: ` : '';
      throw new ServiceConfigError([`function ${fn}: ${rest}: ${type}${error.message}`]);
    }
    throw error;
  }
}

/** `arn:aws:dynamodb:region:account:table/NAME/stream/LABEL` → `NAME`. */
export function tableNameOf(streamArn: string): string {
  return /:table\/([^/]+)\//.exec(streamArn)?.[1] ?? streamArn;
}

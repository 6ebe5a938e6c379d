import type { InvocationRecord } from '../lambda/types';
import { compileFilter } from '../mappings/filter/compileFilter';
import { StreamMapping } from '../mappings/StreamMapping';
import type { OnFailureRecord, StreamBatchEvent } from '../mappings/types';
import { onFailureArn, tableNameOf } from '../runtime/buildMappings';
import { functionLogicalId } from '../runtime/LocalResources';
import type { Runtime } from '../runtime/Runtime';
import { resolveIntrinsics } from '../service/resolveIntrinsics';
import type { StreamEventModel } from '../service/ServiceModel';
import { ReplayError } from './errors';
import type { InputRecord } from './readRecords';
import { ReplaySource } from './ReplaySource';
import { diffSnapshots, snapshotTables } from './tableChanges';
import type { ReplayInvocation, ReplayReport } from './types';
import { seedTables } from './seedTables';
import type { SeedItem } from './loadSeed';

export interface ReplayStreamOptions {
  runtime: Runtime;
  functionKey: string;
  records: InputRecord[];
  /** The records' source; built from `records` when omitted (construct it early to check SequenceNumbers first). */
  source?: ReplaySource;
  files: string[];
  seed?: SeedItem[];
  /** Stop (and report `max-invocations`) after this many invocations (default 1000). */
  maxInvocations?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Replays recorded stream records through one function's `stream` event source mapping, as built
 * from serverless.yml (filters, batching, retries, bisect, partial batch responses, on-failure
 * destination): a `StreamMapping` over a {@link ReplaySource}, polled until it has nothing left to do.
 *
 * @throws ReplayError when the function has no stream event, or the seed or records are unusable.
 */
export async function replayStream(options: ReplayStreamOptions): Promise<ReplayReport> {
  const { runtime, functionKey, records } = options;
  const source = options.source ?? new ReplaySource(records);
  const fn = runtime.functions.get(functionKey);
  const event = streamEventOf(runtime, functionKey, records);
  if (!fn || !event) throw new Error('unreachable: streamEventOf checks the function');
  await seedTables(runtime, options.seed ?? []);
  const before = await snapshotTables(runtime.engine);

  const streamArn = String(event.options.arn);
  const destination = onFailureArn(event.options);
  const details: ReplayInvocation[] = [];
  const delivered = new Set<string>();
  const onFailureRecords: OnFailureRecord[] = [];
  const mapping = new StreamMapping({
    functionKey,
    functionArn: runtime.resources.getAtt(functionLogicalId(functionKey), 'Arn'),
    streamArn,
    source,
    options: event.options,
    clock: runtime.clock,
    invoke: async (batch: StreamBatchEvent) => {
      const invocation = await fn.invoke(batch, { type: 'stream', source: tableNameOf(streamArn), records: batch.Records.length });
      details.push(describe(invocation, batch, delivered));
      for (const record of batch.Records) delivered.add(record.dynamodb.SequenceNumber);
      return invocation;
    },
    onFailure: async (record: OnFailureRecord) => {
      onFailureRecords.push(record);
    },
  });

  const maxInvocations = options.maxInvocations ?? 1000;
  let stopped: ReplayReport['stopped'] = 'done';
  while (await mapping.poll({ flush: true })) {
    if (details.length >= maxInvocations && mapping.pending()) {
      stopped = 'max-invocations';
      break;
    }
  }

  const matches = compileFilter(mapping.settings.filterPatterns);
  const failed = onFailureRecords.reduce((n, r) => n + r.DDBStreamBatchInfo.batchSize, 0);
  const retries = details.filter((d) => d.kind === 'retry').length;
  return {
    function: functionKey,
    streamArn,
    files: options.files,
    recordsRead: records.length,
    filteredOut: records.filter(({ record }) => !matches(record)).length,
    batches: details.length - retries,
    invocations: details.length,
    retries,
    sentToDestination: destination === undefined ? 0 : failed,
    discarded: destination === undefined ? failed : 0,
    ...(destination !== undefined && { destination }),
    stopped,
    tableChanges: diffSnapshots(before, await snapshotTables(runtime.engine)),
    invocationDetails: details,
    onFailureRecords,
  };
}

/** The function's `stream` event (intrinsics resolved); with several, the one whose table the records came from. */
function streamEventOf(runtime: Runtime, functionKey: string, records: InputRecord[]): { options: StreamEventModel } {
  const withStreams = Object.values(runtime.service.functions).filter((f) => f.events.some((e) => 'stream' in e));
  const model = runtime.service.functions[functionKey];
  if (!model || !runtime.functions.has(functionKey)) {
    throw new ReplayError('replay.function.unknown', `no function "${functionKey}" in serverless.yml`, [
      `functions with a stream event: ${withStreams.map((f) => f.key).join(', ') || '(none)'}`,
    ]);
  }
  const events = model.events.flatMap((event, index) => {
    if (!('stream' in event)) return [];
    const raw = typeof event.stream === 'string' ? { arn: event.stream } : (event.stream as StreamEventModel);
    return [{ options: resolveIntrinsics(raw, runtime.resources, `functions.${functionKey}.events[${index}].stream`) as StreamEventModel }];
  });
  if (events.length === 0) {
    throw new ReplayError('replay.function.no_stream', `function "${functionKey}" has no stream event`, [
      `functions with a stream event: ${withStreams.map((f) => f.key).join(', ') || '(none)'}`,
    ]);
  }
  if (events.length === 1) return events[0]!;
  const recorded = records.map(({ record }) => (record as { eventSourceARN?: unknown }).eventSourceARN).find((arn) => typeof arn === 'string');
  const match = events.find((e) => typeof recorded === 'string' && tableNameOf(String(e.options.arn)) === tableNameOf(recorded));
  if (match) return match;
  throw new ReplayError('replay.function.ambiguous_stream', `function "${functionKey}" has ${events.length} stream events and the records' eventSourceARN names none of their tables`, [
    `tables: ${events.map((e) => tableNameOf(String(e.options.arn))).join(', ')}`,
  ]);
}

function describe(invocation: InvocationRecord, batch: StreamBatchEvent, delivered: Set<string>): ReplayInvocation {
  const first = batch.Records[0]?.dynamodb.SequenceNumber ?? '';
  const result = invocation.result;
  const failures = isObject(result) && Array.isArray(result['batchItemFailures'])
    ? (result['batchItemFailures'] as unknown[]).map((f) => String(isObject(f) ? f['itemIdentifier'] : f))
    : undefined;
  return {
    requestId: invocation.requestId,
    kind: delivered.has(first) ? 'retry' : 'batch',
    records: batch.Records.length,
    firstSequenceNumber: first,
    lastSequenceNumber: batch.Records[batch.Records.length - 1]?.dynamodb.SequenceNumber ?? '',
    outcome: invocation.outcome,
    ...(invocation.error && { errorType: invocation.error.errorType, errorMessage: invocation.error.errorMessage }),
    ...(failures && failures.length > 0 && { batchItemFailures: failures }),
    durationMs: Math.round(invocation.durationMs * 10) / 10,
  };
}

import type { StreamEventModel } from '../service/ServiceModel';
import { MappingError } from './errors';

/** Stream mapping options with AWS defaults applied (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html). */
export interface ResolvedStreamOptions {
  batchSize: number;
  batchWindowSeconds: number;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** -1 = infinite. */
  maximumRetryAttempts: number;
  /** -1 = infinite (records still expire with the stream's 24 h retention). */
  maximumRecordAgeInSeconds: number;
  bisectBatchOnFunctionError: boolean;
  reportBatchItemFailures: boolean;
  /** Concurrent batches per shard (1–10), each in order for its partition keys. */
  parallelizationFactor: number;
  /** 0 = no tumbling window. */
  tumblingWindowInSeconds: number;
  filterPatterns: Record<string, unknown>[];
  enabled: boolean;
}

type Range = { min: number; max: number; extra?: number };

/** Bounds AWS enforces on CreateEventSourceMapping (`extra` is a single allowed value outside the range). */
const BOUNDS: Record<string, Range> = {
  batchSize: { min: 1, max: 10000 },
  batchWindow: { min: 0, max: 300 },
  maximumRetryAttempts: { min: -1, max: 10000 },
  maximumRecordAgeInSeconds: { min: 60, max: 604800, extra: -1 },
  parallelizationFactor: { min: 1, max: 10 },
  tumblingWindowInSeconds: { min: 0, max: 900 },
};

function checkRange(name: string, value: number | undefined, functionKey: string): void {
  const range = BOUNDS[name];
  if (value === undefined || range === undefined) return;
  const ok = Number.isInteger(value) && ((value >= range.min && value <= range.max) || value === range.extra);
  if (!ok) {
    const extra = range.extra === undefined ? '' : ` or ${range.extra}`;
    throw new MappingError('mappings.option.invalid', `Stream mapping of "${functionKey}": ${name} must be an integer in ${range.min}..${range.max}${extra}, got ${value}.`, { functionKey });
  }
}

function unsupported(functionKey: string, what: string): never {
  throw new MappingError('mappings.option.unsupported', `Stream mapping of "${functionKey}": ${what} is not supported by the local runtime yet. Remove it or run against AWS.`, { functionKey });
}

/** Validates a `stream` event's options and applies AWS's defaults; rejects options not implemented. */
export function resolveStreamOptions(options: StreamEventModel, functionKey: string): ResolvedStreamOptions {
  for (const name of Object.keys(BOUNDS)) checkRange(name, (options as unknown as Record<string, number | undefined>)[name], functionKey);
  if (options.type === 'kinesis') unsupported(functionKey, 'type: kinesis');
  const startingPosition = (options as { startingPosition?: string }).startingPosition ?? 'TRIM_HORIZON';
  if (startingPosition !== 'TRIM_HORIZON' && startingPosition !== 'LATEST') {
    // osls accepts AT_TIMESTAMP for every stream, but Lambda only takes it for Kinesis (and MSK):
    // https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html
    throw new MappingError('mappings.option.invalid', `Stream mapping of "${functionKey}": startingPosition ${startingPosition} is not supported for DynamoDB streams; use TRIM_HORIZON or LATEST.`, { functionKey });
  }
  return {
    batchSize: options.batchSize ?? 100,
    batchWindowSeconds: options.batchWindow ?? 0,
    startingPosition,
    maximumRetryAttempts: options.maximumRetryAttempts ?? -1,
    maximumRecordAgeInSeconds: options.maximumRecordAgeInSeconds ?? -1,
    bisectBatchOnFunctionError: options.bisectBatchOnFunctionError ?? false,
    reportBatchItemFailures: options.functionResponseType === 'ReportBatchItemFailures',
    parallelizationFactor: options.parallelizationFactor ?? 1,
    tumblingWindowInSeconds: options.tumblingWindowInSeconds ?? 0,
    filterPatterns: options.filterPatterns ?? [],
    enabled: options.enabled ?? true,
  };
}

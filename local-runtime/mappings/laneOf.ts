import type { StreamRecord } from '../engine/streams/types';

/**
 * The lane (0 … factor-1) a record is processed in when `parallelizationFactor` > 1: a hash of its
 * key attributes, so every change to one item stays in order in one lane
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html, ParallelizationFactor).
 */
export function laneOf(record: StreamRecord, factor: number): number {
  if (factor <= 1) return 0;
  const keys = record.dynamodb.Keys;
  const text = Object.keys(keys).sort().map((name) => `${name}=${JSON.stringify(keys[name])}`).join('|');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % factor;
}

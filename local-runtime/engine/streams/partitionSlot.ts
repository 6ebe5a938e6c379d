import type { WireAttributeValue } from './types';

/**
 * Which of `count` shard slots a partition key value belongs to: FNV-1a over the value's type and payload,
 * so every record of one item (and of one partition) lands in the same shard.
 */
export function partitionSlot(value: WireAttributeValue | undefined, count: number): number {
  if (count <= 1 || value === undefined) return 0;
  const text = 'S' in value ? `S${value.S}` : 'N' in value ? `N${value.N}` : 'B' in value ? `B${value.B}` : JSON.stringify(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}

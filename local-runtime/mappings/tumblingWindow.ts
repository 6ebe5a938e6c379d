import type { StreamRecord } from '../engine/streams/types';

/** A tumbling window's aggregation state may be at most 1 MB (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html). */
export const MAX_WINDOW_STATE_BYTES = 1024 * 1024;

/** The state carried between the invocations of one window, per shard (lane). */
export interface OpenWindow {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  state: Record<string, unknown>;
  /** The returned state went over 1 MB: the next invocation closes the window early. */
  terminatedEarly: boolean;
}

/** Start (epoch ms) of the window holding a record: windows are aligned to multiples of their length, by record creation time. */
export function windowStartOf(record: StreamRecord, seconds: number): number {
  const ms = seconds * 1000;
  return Math.floor((record.dynamodb.ApproximateCreationDateTime * 1000) / ms) * ms;
}

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The `window` field of a tumbling-window event. */
export function windowField(window: { start: number; end: number }): { start: string; end: string } {
  return { start: isoSeconds(window.start), end: isoSeconds(window.end) };
}

/** The window state in a function's response (`{ state, batchItemFailures }`); anything but an object is an empty state. */
export function stateFromResult(result: unknown): Record<string, unknown> {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return {};
  const state = (result as { state?: unknown }).state;
  return typeof state === 'object' && state !== null && !Array.isArray(state) ? (state as Record<string, unknown>) : {};
}

/** True when the state is over the 1 MB a window may carry. */
export function stateTooLarge(state: Record<string, unknown>): boolean {
  return Buffer.byteLength(JSON.stringify(state)) > MAX_WINDOW_STATE_BYTES;
}

import { MessagingError } from '../errors';

/** A JSON-protocol input object. */
export type Json = Record<string, unknown>;

/** SQS's `InvalidParameterValue` for a parameter out of range. */
export function invalidParameter(name: string, value: unknown, reason: string): MessagingError {
  return new MessagingError('InvalidParameterValue', `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`, 400, 'InvalidParameterValue');
}

/** A required string parameter, or `MissingParameter`. */
export function requiredString(input: Json, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') {
    throw new MessagingError('MissingParameter', `The request must contain the parameter ${name}.`, 400, 'MissingParameter');
  }
  return value;
}

/** An optional integer parameter within [min, max]. */
export function optionalInt(input: Json, name: string, min: number, max: number, reason: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw invalidParameter(name, value, reason);
  return n;
}

/** The entries of a batch request: 1 to 10 of them, with distinct, well-formed ids. */
export function batchEntries(input: Json, entryName: string): Json[] {
  const entries = Array.isArray(input['Entries']) ? (input['Entries'] as Json[]) : [];
  if (entries.length === 0) {
    throw new MessagingError('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`, 400, 'AWS.SimpleQueueService.EmptyBatchRequest');
  }
  if (entries.length > 10) {
    throw new MessagingError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${entries.length}.`, 400, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = String(entry['Id']);
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
      throw new MessagingError('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.', 400, 'AWS.SimpleQueueService.InvalidBatchEntryId');
    }
    if (seen.has(id)) throw new MessagingError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 400, 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');
    seen.add(id);
  }
  return entries;
}

/** Runs `each` per entry; AWS's per-entry failures go to `Failed` (SenderFault), the rest to `Successful`. */
export function perEntry(entries: Json[], each: (entry: Json) => Json): { Successful: Json[]; Failed: Json[] } {
  const Successful: Json[] = [];
  const Failed: Json[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: entry['Id'], ...each(entry) });
    } catch (error) {
      if (!(error instanceof MessagingError)) throw error;
      Failed.push({ Id: entry['Id'], SenderFault: true, Code: error.queryCode ?? error.type, Message: error.message });
    }
  }
  return { Successful, Failed };
}

import { validationError } from '../errors';

/** Attribute names may be at most 65535 bytes long (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-naming-rules). */
const MAX_NAME_BYTES = 65535;

/** Names of at most this many UTF-16 units cannot exceed the limit (each unit is at most 3 UTF-8 bytes): the usual name is not measured. */
export const SHORT_NAME_UNITS = Math.floor(MAX_NAME_BYTES / 3);

/**
 * Reject an attribute name (of an item or of a map inside one) over 65535 bytes, with AWS's message as measured on
 * the service (https://github.com/ExtendDB/extenddb/issues/365: "1 validation error detected: Attribute name is too
 * large, must be less than 65536 bytes"). Callers skip names of at most {@link SHORT_NAME_UNITS} units.
 */
export function assertAttributeNameSize(name: string): void {
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) throw validationError(`1 validation error detected: Attribute name is too large, must be less than ${MAX_NAME_BYTES + 1} bytes`);
}

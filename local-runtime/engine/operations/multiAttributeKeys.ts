import { validationError } from '../errors';
import type { OperationInput } from './input';

type Raw = Record<string, unknown>;
const INVALID = 'One or more parameter values were invalid: ';

/** A GSI key may have up to four partition key and four sort key attributes (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html). */
const MAX_PER_KIND = 4;

/**
 * AWS's checks of a multi-attribute GSI KeySchema (more than one HASH or RANGE element, or more than two elements), in
 * its messages as recorded in the ack-api-quirks DynamoDB ValidationException catalogue (DDB-TABLE-442): no name
 * twice, every HASH before every RANGE, at most four of each. A valid multi-attribute key schema is then refused
 * loudly: Tidepool's engine does not emulate multi-attribute keys yet (local-runtime/README.md, "Engine fidelity").
 */
function checkGsiKeySchema(index: Raw): void {
  const schema = Array.isArray(index.KeySchema) ? (index.KeySchema as Raw[]) : [];
  const types = schema.map((e) => e?.KeyType);
  const hashes = types.filter((t) => t === 'HASH').length;
  const ranges = types.filter((t) => t === 'RANGE').length;
  if (schema.length <= 2 && hashes <= 1 && ranges <= 1) return;
  const names = schema.map((e) => e?.AttributeName);
  if (new Set(names).size !== names.length) throw validationError('The KeySchema contains multiple key attributes with the same name');
  if (types.lastIndexOf('HASH') > types.indexOf('RANGE') && ranges > 0) throw validationError(`${INVALID}All HASH key attributes must precede RANGE key attributes in the KeySchema`);
  if (hashes > MAX_PER_KIND) throw validationError(`${INVALID}The KeySchema exceeds the maximum allowed number of HASH key attributes`);
  if (ranges > MAX_PER_KIND) throw validationError(`${INVALID}The KeySchema exceeds the maximum allowed number of RANGE key attributes`);
  throw validationError(`${INVALID}Tidepool's local engine does not support multi-attribute keys for global secondary indexes (IndexName: ${String(index.IndexName)})`);
}

/** CreateTable's GlobalSecondaryIndexes and UpdateTable's GSI Creates: multi-attribute key schemas (see checkGsiKeySchema). */
export function checkMultiAttributeKeys(input: OperationInput): void {
  const indexes = [
    ...(Array.isArray(input.GlobalSecondaryIndexes) ? (input.GlobalSecondaryIndexes as Raw[]) : []),
    ...(Array.isArray(input.GlobalSecondaryIndexUpdates) ? (input.GlobalSecondaryIndexUpdates as Raw[]).map((u) => u?.Create as Raw | undefined) : []),
  ];
  for (const index of indexes) if (typeof index === 'object' && index !== null) checkGsiKeySchema(index);
}

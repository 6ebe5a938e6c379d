/** A DynamoDB update with every name and value behind a placeholder. */
export interface VersionedUpdate {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * Builds `SET #f0 = :v0, …, #version = :next` guarded by `#version = :expected`.
 * Attribute names and values always go through placeholders, so any field name (reserved
 * words included) and any value are safe. `undefined` changes are skipped.
 */
export function buildVersionedUpdate(changes: Record<string, unknown>, expectedVersion: number): VersionedUpdate {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':next': expectedVersion + 1 };
  const assignments: string[] = [];
  Object.entries(changes)
    .filter(([field, value]) => value !== undefined && field !== 'version')
    .forEach(([field, value], index) => {
      names[`#f${index}`] = field;
      values[`:v${index}`] = value;
      assignments.push(`#f${index} = :v${index}`);
    });
  assignments.push('#version = :next');
  return {
    UpdateExpression: `SET ${assignments.join(', ')}`,
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

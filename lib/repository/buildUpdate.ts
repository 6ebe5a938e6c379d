/** A DynamoDB update with every name and value behind a placeholder. */
export interface VersionedUpdate {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  /** Absent when there is no value (DynamoDB rejects an empty map). */
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * Builds `SET #f0 = :v0, …, #version = :next` guarded by `#version = :expected`, where `#version`
 * is `versionAttribute`. Without a version attribute (`versionAttribute`
 * `undefined`, an entity without optimistic locking) it builds `SET #f0 = :v0, …` guarded by
 * `attribute_exists(#pk)`, so an update never creates a partial item.
 * Attribute names and values always go through placeholders, so any field name (reserved
 * words included) and any value are safe. `undefined` changes are skipped, and so is the version
 * (the caller makes sure an unversioned update sets something).
 */
export function buildVersionedUpdate(changes: Record<string, unknown>, expectedVersion: number | undefined, versionAttribute: string | undefined): VersionedUpdate {
  const versioned = versionAttribute !== undefined && expectedVersion !== undefined;
  const names: Record<string, string> = versioned ? { '#version': versionAttribute } : { '#pk': 'PK' };
  const values: Record<string, unknown> = versioned ? { ':expected': expectedVersion, ':next': expectedVersion + 1 } : {};
  const assignments: string[] = [];
  Object.entries(changes)
    .filter(([field, value]) => value !== undefined && field !== versionAttribute)
    .forEach(([field, value], index) => {
      names[`#f${index}`] = field;
      values[`:v${index}`] = value;
      assignments.push(`#f${index} = :v${index}`);
    });
  if (versioned) assignments.push('#version = :next');
  return {
    UpdateExpression: `SET ${assignments.join(', ')}`,
    ConditionExpression: versioned ? '#version = :expected' : 'attribute_exists(#pk)',
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length === 0 ? {} : { ExpressionAttributeValues: values }),
  };
}

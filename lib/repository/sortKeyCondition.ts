/** A condition on the sort key of a query (the operators KeyConditionExpression allows). */
export type SortKeyCondition =
  | { eq: string }
  | { lt: string }
  | { lte: string }
  | { gt: string }
  | { gte: string }
  | { beginsWith: string }
  | { between: readonly [string, string] };

type Operator = 'eq' | 'lt' | 'lte' | 'gt' | 'gte' | 'beginsWith' | 'between';

/** Operator → expression over `#sk` and value placeholders. */
const renderers: Record<Operator, string> = {
  eq: '#sk = :sk0',
  lt: '#sk < :sk0',
  lte: '#sk <= :sk0',
  gt: '#sk > :sk0',
  gte: '#sk >= :sk0',
  beginsWith: 'begins_with(#sk, :sk0)',
  between: '#sk BETWEEN :sk0 AND :sk1',
};

/** Key condition parts of a query: expression, names and values, every one behind a placeholder. */
export interface KeyConditionParts {
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/** `#pk = :pk [AND <sort condition>]` for the given key attribute names. */
export function buildKeyCondition(pkAttribute: string, partition: string, skAttribute: string, sort: SortKeyCondition | undefined): KeyConditionParts {
  const names: Record<string, string> = { '#pk': pkAttribute };
  const values: Record<string, unknown> = { ':pk': partition };
  if (sort === undefined) return { KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: names, ExpressionAttributeValues: values };
  const [operator, operand] = Object.entries(sort)[0] as [Operator, string | readonly [string, string]];
  names['#sk'] = skAttribute;
  if (Array.isArray(operand)) [values[':sk0'], values[':sk1']] = operand;
  else values[':sk0'] = operand;
  return { KeyConditionExpression: `#pk = :pk AND ${renderers[operator]}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

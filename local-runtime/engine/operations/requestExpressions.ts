import { validationError } from '../errors';
import { ExpressionAttributes } from '../expressions/ExpressionAttributes';
import { ConditionEvaluator } from '../expressions/evaluateCondition';
import { parseCondition } from '../expressions/parseCondition';
import { parseProjection } from '../expressions/parseProjection';
import { parseUpdate } from '../expressions/parseUpdate';
import { optionalString } from './input';
import type { ConditionNode, ProjectionNode, UpdateNode } from '../expressions/ast';
import type { ExpressionKind } from '../expressions/TokenStream';
import type { OperationInput } from './input';

/** The expressions of one request, parsed once into trees. */
export interface RequestExpressions {
  condition?: { tree: ConditionNode; evaluator: ConditionEvaluator };
  filter?: { tree: ConditionNode; evaluator: ConditionEvaluator };
  keyCondition?: { tree: ConditionNode; evaluator: ConditionEvaluator };
  projection?: ProjectionNode;
  update?: UpdateNode;
}

type ExpressionParameter = 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression' | 'ProjectionExpression' | 'UpdateExpression';

function condition(source: string, kind: ExpressionKind, attributes: ExpressionAttributes): { tree: ConditionNode; evaluator: ConditionEvaluator } {
  return { tree: parseCondition(source, kind, attributes), evaluator: new ConditionEvaluator(kind) };
}

/**
 * Parse the expression parameters an operation accepts, resolve placeholders, and enforce DynamoDB's rules
 * on ExpressionAttributeNames/Values (defined, used, only with expressions).
 */
export function parseRequestExpressions(input: OperationInput, accepted: readonly ExpressionParameter[]): RequestExpressions {
  const attributes = new ExpressionAttributes(input.ExpressionAttributeNames, input.ExpressionAttributeValues);
  const sources = Object.fromEntries(accepted.map((p) => [p, optionalString(input, p)])) as Partial<Record<ExpressionParameter, string>>;
  const out: RequestExpressions = {};
  if (sources.KeyConditionExpression !== undefined) out.keyCondition = condition(sources.KeyConditionExpression, 'KeyConditionExpression', attributes);
  if (sources.UpdateExpression !== undefined) out.update = parseUpdate(sources.UpdateExpression, attributes);
  if (sources.ConditionExpression !== undefined) out.condition = condition(sources.ConditionExpression, 'ConditionExpression', attributes);
  if (sources.FilterExpression !== undefined) out.filter = condition(sources.FilterExpression, 'FilterExpression', attributes);
  if (sources.ProjectionExpression !== undefined) out.projection = parseProjection(sources.ProjectionExpression, attributes);
  const anyExpression = Object.values(sources).some((s) => s !== undefined);
  const supplied = attributes.supplied;
  if (!anyExpression && supplied.names) throw validationError('ExpressionAttributeNames can only be specified when using expressions');
  if (!anyExpression && supplied.values) throw validationError('ExpressionAttributeValues can only be specified when using expressions');
  attributes.assertAllUsed();
  return out;
}

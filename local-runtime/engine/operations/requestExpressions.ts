import { validationError } from '../errors';
import { ExpressionAttributes } from '../expressions/ExpressionAttributes';
import { ConditionEvaluator } from '../expressions/evaluateCondition';
import { checkConditionConstants, checkUpdateConstants } from '../expressions/checkConstants';
import { parseCondition } from '../expressions/parseCondition';
import { parseProjection } from '../expressions/parseProjection';
import { parseUpdate } from '../expressions/parseUpdate';
import { conditionWith, parseWithTemplates, projectionWith, updateWith } from '../expressions/parsedExpressions';
import { optionalString } from './input';
import { assertConditionalOperatorHasConditions, assertNotMixed, legacyAttributeUpdates, legacyAttributesToGet, legacyExpected, legacyFilter, legacyKeyConditions } from './legacyParameters';
import type { LegacyParameter } from './legacyParameters';
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

export type ExpressionParameter = 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression' | 'ProjectionExpression' | 'UpdateExpression';

/** Each expression string may be at most 4 KB (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters). */
const MAX_EXPRESSION_BYTES = 4096;

/** Evaluators hold nothing but their kind: one per kind, shared by every request. */
const EVALUATORS: Record<ExpressionKind, ConditionEvaluator> = {
  ConditionExpression: new ConditionEvaluator('ConditionExpression'),
  FilterExpression: new ConditionEvaluator('FilterExpression'),
  KeyConditionExpression: new ConditionEvaluator('KeyConditionExpression'),
  ProjectionExpression: new ConditionEvaluator('ProjectionExpression'),
  UpdateExpression: new ConditionEvaluator('UpdateExpression'),
};

function condition(source: string, kind: ExpressionKind, attributes: ExpressionAttributes): { tree: ConditionNode; evaluator: ConditionEvaluator } {
  const tree = parseWithTemplates(kind, source, attributes, () => parseCondition(source, kind, attributes), conditionWith);
  // Checks of the request's own values: once per request (trees are reused with other values), before any item is read.
  checkConditionConstants(tree, kind);
  return { tree, evaluator: EVALUATORS[kind] };
}

/**
 * Parse the expression parameters an operation accepts, resolve placeholders, and enforce DynamoDB's rules
 * on ExpressionAttributeNames/Values (defined, used, only with expressions).
 */
export function parseRequestExpressions(input: OperationInput, accepted: readonly ExpressionParameter[], legacy: readonly LegacyParameter[] = []): RequestExpressions {
  if (usesNoExpressions(input, accepted, legacy)) return {};
  assertNotMixed(input, accepted, legacy);
  const attributes = new ExpressionAttributes(input.ExpressionAttributeNames, input.ExpressionAttributeValues);
  const sources: Partial<Record<ExpressionParameter, string>> = {};
  let anyExpression = false;
  for (const parameter of accepted) {
    const source = optionalString(input, parameter);
    if (source === undefined) continue;
    anyExpression = true;
    sources[parameter] = source;
    // A string of n UTF-16 units is at most 3n UTF-8 bytes: only long ones need counting.
    const bytes = source.length * 3 <= MAX_EXPRESSION_BYTES ? 0 : Buffer.byteLength(source, 'utf8');
    if (bytes > MAX_EXPRESSION_BYTES) throw validationError(`Invalid ${parameter}: Expression size has exceeded the maximum allowed size; expression size: ${bytes}`);
  }
  const out: RequestExpressions = {};
  if (sources.KeyConditionExpression !== undefined) out.keyCondition = condition(sources.KeyConditionExpression, 'KeyConditionExpression', attributes);
  const update = sources.UpdateExpression;
  if (update !== undefined) {
    out.update = parseWithTemplates('UpdateExpression', update, attributes, () => parseUpdate(update, attributes), updateWith);
    checkUpdateConstants(out.update);
  }
  if (sources.ConditionExpression !== undefined) out.condition = condition(sources.ConditionExpression, 'ConditionExpression', attributes);
  if (sources.FilterExpression !== undefined) out.filter = condition(sources.FilterExpression, 'FilterExpression', attributes);
  const projection = sources.ProjectionExpression;
  if (projection !== undefined) out.projection = parseWithTemplates('ProjectionExpression', projection, attributes, () => parseProjection(projection, attributes), projectionWith);
  const supplied = attributes.supplied;
  if (!anyExpression && supplied.names) throw validationError('ExpressionAttributeNames can only be specified when using expressions');
  if (!anyExpression && supplied.values) throw validationError('ExpressionAttributeValues can only be specified when using expressions');
  attributes.assertAllUsed();
  if (legacy.length > 0) addLegacy(input, legacy, out);
  return out;
}

/** No expression, placeholder map or legacy parameter at all (e.g. a plain Put in a transaction): nothing to parse or check. */
function usesNoExpressions(input: OperationInput, accepted: readonly ExpressionParameter[], legacy: readonly LegacyParameter[]): boolean {
  if (input.ExpressionAttributeNames !== undefined || input.ExpressionAttributeValues !== undefined) return false;
  for (const parameter of accepted) if (input[parameter] !== undefined) return false;
  for (const parameter of legacy) if (input[parameter] !== undefined) return false;
  return true;
}

/** Translate legacy parameters into the same trees the expression parsers produce (no second evaluator). */
function addLegacy(input: OperationInput, legacy: readonly LegacyParameter[], out: RequestExpressions): void {
  if (legacy.includes('ConditionalOperator')) assertConditionalOperatorHasConditions(input, legacy);
  const expected = legacy.includes('Expected') ? legacyExpected(input) : undefined;
  if (expected) out.condition = { tree: expected, evaluator: EVALUATORS.ConditionExpression };
  const keyConditions = legacy.includes('KeyConditions') && !out.keyCondition ? legacyKeyConditions(input) : undefined;
  if (keyConditions) out.keyCondition = { tree: keyConditions, evaluator: EVALUATORS.KeyConditionExpression };
  for (const key of ['QueryFilter', 'ScanFilter'] as const) {
    const filter = legacy.includes(key) ? legacyFilter(input, key) : undefined;
    if (filter) out.filter = { tree: filter, evaluator: EVALUATORS.FilterExpression };
  }
  const projection = legacy.includes('AttributesToGet') ? legacyAttributesToGet(input) : undefined;
  if (projection) out.projection = projection;
  const update = legacy.includes('AttributeUpdates') ? legacyAttributeUpdates(input) : undefined;
  if (update) out.update = update;
}

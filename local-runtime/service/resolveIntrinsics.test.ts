import { describe, expect, it } from 'vitest';
import { ServiceError } from './ServiceError';
import { resolveIntrinsics, resolveString } from './resolveIntrinsics';
import type { IntrinsicContext } from './resolveIntrinsics';

const TABLE_ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/tidepool-dev-orders';
const STREAM_ARN = `${TABLE_ARN}/stream/1970-01-01T00:00:00.000`;

const REFS: Record<string, string> = { OrdersTable: 'tidepool-dev-orders', Dlq: 'https://sqs.us-east-1.amazonaws.com/000000000000/dlq' };
const ATTRIBUTES: Record<string, string> = { 'OrdersTable.Arn': TABLE_ARN, 'OrdersTable.StreamArn': STREAM_ARN, 'Db.Endpoint.Address': 'db.local' };

const ctx: IntrinsicContext = {
  ref: (id) => REFS[id],
  getAtt: (id, attribute) => ATTRIBUTES[`${id}.${attribute}`],
  pseudo: { 'AWS::Region': 'us-east-1', 'AWS::AccountId': '000000000000', 'AWS::Partition': 'aws' },
};

function thrown(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected a ServiceError');
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ref.html
describe('Ref', () => {
  it('returns the local value of a resource', () => {
    expect(resolveIntrinsics({ Ref: 'OrdersTable' }, ctx, 'provider.environment.TABLE_NAME')).toBe('tidepool-dev-orders');
  });

  it('returns pseudo parameters', () => {
    expect(resolveIntrinsics({ Ref: 'AWS::Region' }, ctx, 'x')).toBe('us-east-1');
  });

  it('throws a ServiceError naming the reference and where it was used', () => {
    const error = thrown(() => resolveIntrinsics({ Ref: 'Missing' }, ctx, 'functions.getOrder.environment.X'));
    expect(error.code).toBe('service.unknown_reference');
    expect(error.message).toContain('Ref "Missing"');
    expect(error.message).toContain('functions.getOrder.environment.X');
  });
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html
describe('Fn::GetAtt', () => {
  it('resolves the array form', () => {
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] }, ctx, 'x')).toBe(STREAM_ARN);
  });

  it('resolves the dotted string form, splitting at the first dot', () => {
    expect(resolveIntrinsics({ 'Fn::GetAtt': 'OrdersTable.Arn' }, ctx, 'x')).toBe(TABLE_ARN);
    expect(resolveIntrinsics({ 'Fn::GetAtt': 'Db.Endpoint.Address' }, ctx, 'x')).toBe('db.local');
  });

  it('resolves an attribute name given by Ref', () => {
    const custom: IntrinsicContext = { ...ctx, ref: (id) => (id === 'AttrParam' ? 'Arn' : ctx.ref(id)) };
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['OrdersTable', { Ref: 'AttrParam' }] }, custom, 'x')).toBe(TABLE_ARN);
  });

  it('throws for an unknown resource or attribute, naming both and the place', () => {
    const where = 'functions.onOrderPlaced.events[0].stream.arn';
    const error = thrown(() => resolveIntrinsics({ 'Fn::GetAtt': ['Missing', 'StreamArn'] }, ctx, where));
    expect(error.message).toContain('"Missing.StreamArn"');
    expect(error.where).toBe(where);
    expect(thrown(() => resolveIntrinsics({ 'Fn::GetAtt': ['OrdersTable', 'Nope'] }, ctx, 'x')).message).toContain('OrdersTable.Nope');
  });

  it('rejects malformed arguments', () => {
    expect(thrown(() => resolveIntrinsics({ 'Fn::GetAtt': ['OrdersTable'] }, ctx, 'x')).code).toBe('service.invalid_intrinsic');
    expect(thrown(() => resolveIntrinsics({ 'Fn::GetAtt': 'NoDot' }, ctx, 'x')).code).toBe('service.invalid_intrinsic');
  });
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
describe('Fn::Sub', () => {
  it('substitutes resources, attributes and pseudo parameters in the string form', () => {
    const value = { 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::Region}:${AWS::AccountId}:${OrdersTable}|${OrdersTable.Arn}/index/*' };
    expect(resolveIntrinsics(value, ctx, 'x')).toBe(`arn:aws:x:us-east-1:000000000000:tidepool-dev-orders|${TABLE_ARN}/index/*`);
  });

  it('keeps ${!Literal} as the literal ${Literal}', () => {
    expect(resolveIntrinsics({ 'Fn::Sub': '${!Literal}-${AWS::Region}' }, ctx, 'x')).toBe('${Literal}-us-east-1');
  });

  it('uses the variable map of the array form first, whose values may be intrinsics', () => {
    const value = { 'Fn::Sub': ['${Name}/${OrdersTable}', { Name: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] } }] };
    expect(resolveIntrinsics(value, ctx, 'x')).toBe(`${TABLE_ARN}/tidepool-dev-orders`);
  });

  it('throws for an unknown variable', () => {
    expect(thrown(() => resolveIntrinsics({ 'Fn::Sub': 'a-${Nope}' }, ctx, 'resources.X')).message).toContain('Ref "Nope"');
  });
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-join.html
describe('Fn::Join, Fn::Select, Fn::Split', () => {
  it('joins resolved values', () => {
    const value = { 'Fn::Join': ['/', [{ 'Fn::GetAtt': ['OrdersTable', 'Arn'] }, 'index', '*']] };
    expect(resolveIntrinsics(value, ctx, 'x')).toBe(`${TABLE_ARN}/index/*`);
  });

  it('selects from a split', () => {
    const value = { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['OrdersTable', 'Arn'] }] }] };
    expect(resolveIntrinsics(value, ctx, 'x')).toBe('table/tidepool-dev-orders');
  });

  it('reports where inside a nested intrinsic the unknown reference is', () => {
    const error = thrown(() => resolveIntrinsics({ 'Fn::Join': ['', ['a', { Ref: 'Nope' }]] }, ctx, 'provider.environment.X'));
    expect(error.where).toBe('provider.environment.X.Fn::Join[1][1]');
  });
});

describe('recursion and plain values', () => {
  it('resolves inside nested objects and arrays and leaves plain values alone', () => {
    const value = { a: [{ Ref: 'OrdersTable' }, 1, true, null], b: { c: { 'Fn::GetAtt': 'OrdersTable.Arn' } }, d: 'text' };
    expect(resolveIntrinsics(value, ctx, 'x')).toEqual({ a: ['tidepool-dev-orders', 1, true, null], b: { c: TABLE_ARN }, d: 'text' });
  });

  it('treats an object with more keys than one intrinsic as a plain object', () => {
    expect(resolveIntrinsics({ Ref: 'OrdersTable', Other: 1 }, ctx, 'x')).toEqual({ Ref: 'OrdersTable', Other: 1 });
  });

  it('throws for intrinsics the local runtime does not support', () => {
    const error = thrown(() => resolveIntrinsics({ 'Fn::ImportValue': 'shared-table' }, ctx, 'provider.environment.X'));
    expect(error.code).toBe('service.unsupported_intrinsic');
    expect(error.message).toContain('provider.environment.X');
  });

  it('resolveString rejects values that do not resolve to a string', () => {
    expect(resolveString({ Ref: 'OrdersTable' }, ctx, 'x')).toBe('tidepool-dev-orders');
    expect(thrown(() => resolveString({ a: 1 }, ctx, 'resources.T.TableName')).where).toBe('resources.T.TableName');
  });
});

import { describe, expect, it } from 'vitest';
import { buildVersionedUpdate } from './buildUpdate';

describe('buildVersionedUpdate', () => {
  it('puts every name and value behind placeholders and bumps the version under a version condition', () => {
    const update = buildVersionedUpdate({ status: 'ACCEPTED', 'size': 3 }, 4);
    expect(update).toEqual({
      UpdateExpression: 'SET #f0 = :v0, #f1 = :v1, #version = :next',
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version', '#f0': 'status', '#f1': 'size' },
      ExpressionAttributeValues: { ':expected': 4, ':next': 5, ':v0': 'ACCEPTED', ':v1': 3 },
    });
  });

  it('skips undefined changes and never lets the caller set version', () => {
    const update = buildVersionedUpdate({ label: undefined, version: 99 }, 1);
    expect(update.UpdateExpression).toBe('SET #version = :next');
    expect(update.ExpressionAttributeValues).toEqual({ ':expected': 1, ':next': 2 });
  });

  it('keeps hostile text out of the expression', () => {
    const update = buildVersionedUpdate({ 'a = :x, b': "x'; DROP" }, 1);
    expect(update.UpdateExpression).toBe('SET #f0 = :v0, #version = :next');
  });
});

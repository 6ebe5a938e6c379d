import { describe, expect, it } from 'vitest';
import { buildVersionedUpdate } from './buildUpdate';

describe('buildVersionedUpdate', () => {
  it('puts every name and value behind placeholders and bumps the version under a version condition', () => {
    const update = buildVersionedUpdate({ status: 'ACCEPTED', 'size': 3 }, 4, 'version');
    expect(update).toEqual({
      UpdateExpression: 'SET #f0 = :v0, #f1 = :v1, #version = :next',
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version', '#f0': 'status', '#f1': 'size' },
      ExpressionAttributeValues: { ':expected': 4, ':next': 5, ':v0': 'ACCEPTED', ':v1': 3 },
    });
  });

  it('skips undefined changes and never lets the caller set version', () => {
    const update = buildVersionedUpdate({ label: undefined, version: 99 }, 1, 'version');
    expect(update.UpdateExpression).toBe('SET #version = :next');
    expect(update.ExpressionAttributeValues).toEqual({ ':expected': 1, ':next': 2 });
  });

  it('keeps hostile text out of the expression', () => {
    const update = buildVersionedUpdate({ 'a = :x, b': "x'; DROP" }, 1, 'version');
    expect(update.UpdateExpression).toBe('SET #f0 = :v0, #version = :next');
  });
});

describe('buildVersionedUpdate with another or no version attribute', () => {
  it('uses a custom version attribute name and never lets the caller set it', () => {
    const update = buildVersionedUpdate({ title: 'x', rev: 9 }, 2, 'rev');
    expect(update).toEqual({
      UpdateExpression: 'SET #f0 = :v0, #version = :next',
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'rev', '#f0': 'title' },
      ExpressionAttributeValues: { ':expected': 2, ':next': 3, ':v0': 'x' },
    });
  });

  it('without a version attribute, only requires the item to exist', () => {
    const update = buildVersionedUpdate({ text: 'x', version: 4 }, undefined, undefined);
    expect(update).toEqual({
      UpdateExpression: 'SET #f0 = :v0, #f1 = :v1',
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'PK', '#f0': 'text', '#f1': 'version' },
      ExpressionAttributeValues: { ':v0': 'x', ':v1': 4 },
    });
  });
});

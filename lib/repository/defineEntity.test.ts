import { describe, expect, it } from 'vitest';
import { EntityTypeMismatchError, EntityValidationError } from './errors';
import { aWidget, Widget } from './testEntity';

describe('defineEntity', () => {
  it('composes PK/SK from the key input', () => {
    expect(Widget.primaryKey({ id: 'w9' })).toEqual({ PK: 'WIDGET#w9', SK: 'WIDGET' });
  });

  it('writes fields, key attributes, GSI keys and entityType', () => {
    const item = Widget.toItem(aWidget);
    expect(item).toEqual({ ...aWidget, PK: 'WIDGET#w1', SK: 'WIDGET', GSI1PK: 'OWNER#ann', GSI1SK: 'WIDGET#w1', entityType: 'Widget' });
  });

  it('leaves an item out of a sparse index when its pk function returns undefined', () => {
    expect(Widget.toItem({ ...aWidget, size: 3 })).not.toHaveProperty('GSI2PK');
    expect(Widget.toItem({ ...aWidget, size: 11 })).toMatchObject({ GSI2PK: 'BIG', GSI2SK: 'w1' });
  });

  it('rejects an invalid entity on write with the schema issues (path and message)', () => {
    const attempt = () => Widget.toItem({ ...aWidget, size: -1 });
    expect(attempt).toThrow(EntityValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as EntityValidationError).issues[0]).toEqual({ path: ['size'], message: expect.any(String) });
      expect((error as EntityValidationError).phase).toBe('write');
      expect((error as EntityValidationError).code).toBe('repository.validation');
    }
  });

  it('strips key attributes and entityType on read', () => {
    expect(Widget.fromItem(Widget.toItem(aWidget))).toEqual(aWidget);
  });

  it('refuses an item of another entity type', () => {
    expect(() => Widget.fromItem({ ...aWidget, entityType: 'Order' })).toThrow(EntityTypeMismatchError);
  });

  it('validates on read', () => {
    expect(() => Widget.fromItem({ ...aWidget, label: 'x'.repeat(21) })).toThrow(/failed validation on read \(label:/);
  });
});

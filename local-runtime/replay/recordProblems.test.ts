import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeValueProblems } from './attributeValueProblems';
import { recordProblems } from './recordProblems';

const valid = () => ({
  eventID: '1',
  eventName: 'INSERT',
  dynamodb: {
    ApproximateCreationDateTime: 1721900001,
    Keys: { PK: { S: 'a' } },
    NewImage: { PK: { S: 'a' }, n: { N: '-1.5e3' }, b: { B: 'AAE=' }, l: { L: [{ M: { x: { SS: ['y'] } } }, { NULL: true }] } },
    SequenceNumber: '111',
    SizeBytes: 10,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
});

describe('recordProblems', () => {
  // Record shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Record.html
  it('accepts a record in the GetRecords / Lambda shape', () => {
    expect(recordProblems(valid())).toEqual([]);
  });

  it('names every wrong field of a record, with its dotted path', () => {
    const record = valid() as Record<string, unknown> & { dynamodb: Record<string, unknown> };
    record.eventName = 'UPSERT';
    record.dynamodb['Keys'] = { PK: 'a' };
    record.dynamodb['NewImage'] = { l: { L: [{ M: { x: { N: 'ten' } } }] } };
    record.dynamodb['SequenceNumber'] = 111;
    record.dynamodb['ApproximateCreationDateTime'] = '2024-07-25';
    record.dynamodb['StreamViewType'] = 'ALL';

    expect(recordProblems(record).map((p) => p.field)).toEqual([
      'eventName',
      'dynamodb.Keys.PK',
      'dynamodb.NewImage.l.L[0].M.x.N',
      'dynamodb.SequenceNumber',
      'dynamodb.ApproximateCreationDateTime',
      'dynamodb.StreamViewType',
    ]);
  });

  it('requires dynamodb and dynamodb.Keys', () => {
    expect(recordProblems({ eventName: 'INSERT' })).toEqual([{ field: 'dynamodb', message: expect.any(String) }]);
    const { Keys: _keys, ...rest } = valid().dynamodb;
    expect(recordProblems({ ...valid(), dynamodb: rest }).map((p) => p.field)).toEqual(['dynamodb.Keys']);
  });

  // Attribute value types: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html
  it('rejects values with no type, two types, or an unknown type', () => {
    for (const value of [{}, { S: 'a', N: '1' }, { X: 'a' }, 'a', null, [{ S: 'a' }]]) {
      expect(attributeValueProblems(value, 'v')).toEqual([{ field: 'v', message: 'expected a DynamoDB attribute value like {"S": "…"}' }]);
    }
    expect(attributeValueProblems({ SS: [] }, 'v').map((p) => p.field)).toEqual(['v.SS']);
    expect(attributeValueProblems({ NULL: false }, 'v').map((p) => p.field)).toEqual(['v.NULL']);
  });

  it('accepts every well-formed attribute value (property)', () => {
    const value = fc.letrec((tie) => ({
      av: fc.oneof(
        { depthSize: 'small' },
        fc.string().map((S) => ({ S })),
        fc.integer().map((n) => ({ N: String(n) })),
        fc.boolean().map((BOOL) => ({ BOOL })),
        fc.constant({ NULL: true }),
        fc.uint8Array().map((bytes) => ({ B: Buffer.from(bytes).toString('base64') })),
        fc.array(tie('av'), { maxLength: 3 }).map((L) => ({ L })),
        fc.dictionary(fc.string({ minLength: 1 }), tie('av'), { maxKeys: 3 }).map((M) => ({ M })),
      ),
    })).av;
    fc.assert(fc.property(value, (v) => attributeValueProblems(v, 'v').length === 0));
  });
});

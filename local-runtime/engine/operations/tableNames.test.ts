import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import { rejection } from '../testing/rejection';

const newEngine = () => new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
const attribute = (name: string) => ({ AttributeName: name, AttributeType: 'S' });
const hash = (name: string) => ({ AttributeName: name, KeyType: 'HASH' });
const constraint = (value: string, member: string, rule: string) => `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must ${rule}`;

function createTable(engine: Engine, extra: Record<string, unknown>): Promise<unknown> {
  return engine.execute('CreateTable', { TableName: 'names', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [attribute('pk')], KeySchema: [hash('pk')], ...extra });
}

function gsi(name: string, key: string, projection: Record<string, unknown> = { ProjectionType: 'ALL' }) {
  return { IndexName: name, KeySchema: [hash(key)], Projection: projection };
}

// Key attribute names (table and index keys) are 1..255 characters
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_KeySchemaElement.html,
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeDefinition.html); DynamoDB enforces it for table
// keys too and before checking that schema and definitions agree (https://github.com/scylladb/scylladb: test/alternator/test_limits.py,
// run against DynamoDB).
describe('CreateTable: key attribute names', () => {
  it('accepts 255-character key names and rejects 256 in KeySchema, AttributeDefinitions and index key schemas', async () => {
    const long = 'k'.repeat(255);
    const tooLong = 'k'.repeat(256);
    await createTable(newEngine(), { AttributeDefinitions: [attribute(long)], KeySchema: [hash(long)] });
    expect((await rejection(createTable(newEngine(), { AttributeDefinitions: [attribute('short')], KeySchema: [hash(tooLong)] }))).message).toBe(
      constraint(tooLong, 'keySchema.1.member.attributeName', 'have length less than or equal to 255'),
    );
    expect((await rejection(createTable(newEngine(), { AttributeDefinitions: [attribute(tooLong)], KeySchema: [hash('short')] }))).message).toBe(
      constraint(tooLong, 'attributeDefinitions.1.member.attributeName', 'have length less than or equal to 255'),
    );
    const index = await rejection(createTable(newEngine(), { AttributeDefinitions: [attribute('pk'), attribute('g')], GlobalSecondaryIndexes: [gsi('byLong', tooLong)] }));
    expect(index.message).toBe(constraint(tooLong, 'globalSecondaryIndexes.1.member.keySchema.1.member.attributeName', 'have length less than or equal to 255'));
  });

  it('rejects an empty key attribute name', async () => {
    expect((await rejection(createTable(newEngine(), { AttributeDefinitions: [attribute('')], KeySchema: [hash('')] }))).message).toBe(
      constraint('', 'keySchema.1.member.attributeName', 'have length greater than or equal to 1'),
    );
  });

  it('an attribute defined twice: "Attribute Name is duplicated" (ack-api-quirks DynamoDB catalogue DDB-TABLE-442; scylladb issue 13870)', async () => {
    const error = await rejection(createTable(newEngine(), { AttributeDefinitions: [attribute('pk'), attribute('g'), { AttributeName: 'g', AttributeType: 'N' }], GlobalSecondaryIndexes: [gsi('byG', 'g')] }));
    expect(error.message).toBe('Attribute Name is duplicated: g');
  });
});

// Index names: 3..255 characters of [a-zA-Z0-9_.-] (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html);
// the member paths and wording as dynalite's test/createTable.js records them from DynamoDB.
describe('CreateTable and UpdateTable: index names', () => {
  it('checks the pattern, then the length, of GSI and LSI names', async () => {
    const withGsi = (name: string) => createTable(newEngine(), { AttributeDefinitions: [attribute('pk'), attribute('g')], GlobalSecondaryIndexes: [gsi(name, 'g')] });
    expect((await rejection(withGsi('h;'))).message).toBe(constraint('h;', 'globalSecondaryIndexes.1.member.indexName', 'satisfy regular expression pattern: [a-zA-Z0-9_.-]+'));
    expect((await rejection(withGsi('ab'))).message).toBe(constraint('ab', 'globalSecondaryIndexes.1.member.indexName', 'have length greater than or equal to 3'));
    const long = 'i'.repeat(256);
    expect((await rejection(withGsi(long))).message).toBe(constraint(long, 'globalSecondaryIndexes.1.member.indexName', 'have length less than or equal to 255'));
    await withGsi('i'.repeat(255));
    const lsi = await rejection(
      createTable(newEngine(), {
        AttributeDefinitions: [attribute('pk'), attribute('sk'), attribute('l')],
        KeySchema: [hash('pk'), { AttributeName: 'sk', KeyType: 'RANGE' }],
        LocalSecondaryIndexes: [{ IndexName: 'l!x', KeySchema: [hash('pk'), { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
      }),
    );
    expect(lsi.message).toBe(constraint('l!x', 'localSecondaryIndexes.1.member.indexName', 'satisfy regular expression pattern: [a-zA-Z0-9_.-]+'));
  });

  it('UpdateTable checks the name of an index it creates', async () => {
    const engine = newEngine();
    await createTable(engine, {});
    const error = await rejection(
      engine.execute('UpdateTable', { TableName: 'names', AttributeDefinitions: [attribute('g')], GlobalSecondaryIndexUpdates: [{ Create: gsi('a b', 'g') }] }),
    );
    expect(error.message).toBe(constraint('a b', 'globalSecondaryIndexUpdates.1.member.create.indexName', 'satisfy regular expression pattern: [a-zA-Z0-9_.-]+'));
  });
});

describe('CreateTable: NonKeyAttributes', () => {
  const withProjection = (projection: Record<string, unknown>) =>
    createTable(newEngine(), { AttributeDefinitions: [attribute('pk'), attribute('g')], GlobalSecondaryIndexes: [gsi('byG', 'g', projection)] });

  it('a name listed twice is refused (ack-api-quirks DynamoDB catalogue DDB-TABLE-442)', async () => {
    const error = await rejection(withProjection({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['a', 'b', 'a'] }));
    expect(error.message).toBe('One or more parameter values were invalid: Duplicate element in NonKeyAttributes: a');
  });

  it('a name that is not a string is a SerializationException (dynalite test/createTable.js: NonKeyAttributes.0 is not a string)', async () => {
    const error = await rejection(withProjection({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['a', 5] }));
    expect(error.type).toBe('SerializationException');
    expect(error.message).toBe('NUMBER_VALUE cannot be converted to String');
  });

  it('an empty list breaks the length constraint (dynalite test/createTable.js)', async () => {
    const error = await rejection(withProjection({ ProjectionType: 'INCLUDE', NonKeyAttributes: [] }));
    expect(error.message).toBe(constraint('[]', 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes', 'have length greater than or equal to 1'));
  });
});

// Attribute names may be up to 65535 bytes, at any depth (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html);
// the message as measured on DynamoDB: https://github.com/ExtendDB/extenddb/issues/365.
describe('item attribute names', () => {
  it('65535 bytes is accepted, 65536 is refused, at the top level and inside a map', async () => {
    const engine = newEngine();
    await createTable(engine, {});
    const ok = 'a'.repeat(65535);
    await engine.execute('PutItem', { TableName: 'names', Item: { pk: { S: '1' }, [ok]: { S: 'x' } } });
    const message = '1 validation error detected: Attribute name is too large, must be less than 65536 bytes';
    expect((await rejection(engine.execute('PutItem', { TableName: 'names', Item: { pk: { S: '1' }, [`${ok}a`]: { S: 'x' } } }))).message).toBe(message);
    // 21846 three-byte characters: 65538 bytes.
    const nested = { M: { ['€'.repeat(21846)]: { S: 'x' } } };
    expect((await rejection(engine.execute('PutItem', { TableName: 'names', Item: { pk: { S: '2' }, doc: nested } }))).message).toBe(message);
  });
});

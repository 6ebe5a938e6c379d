import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords } from './readRecords';

const dir = mkdtempSync(join(tmpdir(), 'tidepool-read-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (sequence: string) => ({
  eventName: 'INSERT',
  dynamodb: { ApproximateCreationDateTime: 1, Keys: { PK: { S: sequence } }, SequenceNumber: sequence, SizeBytes: 1, StreamViewType: 'KEYS_ONLY' },
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const sequences = async (path: string) => (await readRecords(path)).records.map((r) => r.record.dynamodb.SequenceNumber);

describe('readRecords', () => {
  // Lambda event: https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html; GetRecords response:
  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html
  it('reads a Lambda event, a GetRecords response, a JSON array and JSON Lines', async () => {
    expect(await sequences(file('event.json', JSON.stringify({ Records: [record('1'), record('2')] }, null, 2)))).toEqual(['1', '2']);
    expect(await sequences(file('get-records.json', JSON.stringify({ Records: [record('3')], NextShardIterator: 'it' })))).toEqual(['3']);
    expect(await sequences(file('array.json', JSON.stringify([record('4'), record('5')], null, 2)))).toEqual(['4', '5']);
    expect(await sequences(file('lines.txt', `${JSON.stringify(record('6'))}\n\n${JSON.stringify(record('7'))}\n`))).toEqual(['6', '7']);
  });

  it('reports every malformed record of JSON Lines by line and field, and of JSON by index', async () => {
    const bad = { ...record('9'), eventName: 'PUT' };
    const lines = file('bad.jsonl', [JSON.stringify(record('1')), '{oops', JSON.stringify(bad), JSON.stringify({ ...record('2'), dynamodb: { ...record('2').dynamodb, Keys: { PK: 'x' } } })].join('\n'));
    const outcome = await readRecords(lines);
    expect(outcome.records).toHaveLength(1);
    expect(outcome.problems).toEqual([
      `${lines}:2: not valid JSON`,
      `${lines}:3: eventName: expected INSERT, MODIFY or REMOVE, got "PUT"`,
      `${lines}:4: dynamodb.Keys.PK: expected a DynamoDB attribute value like {"S": "…"}`,
    ]);

    const json = file('bad.json', JSON.stringify({ Records: [record('1'), bad] }));
    expect((await readRecords(json)).problems).toEqual([`${json}: Records[1]: eventName: expected INSERT, MODIFY or REMOVE, got "PUT"`]);
  });

  it('reports a file that is none of the accepted shapes', async () => {
    const path = file('other.json', '{"Items": []}');
    expect((await readRecords(path)).problems).toEqual([expect.stringContaining(`${path}: expected a Lambda event`)]);
    const broken = file('broken.json', '{"Records": [');
    expect((await readRecords(broken)).problems).toEqual([expect.stringContaining(`${broken}: not valid JSON`)]);
  });
});

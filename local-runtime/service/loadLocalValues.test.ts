import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLocalValues } from './loadLocalValues';

describe('loadLocalValues', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const withFile = (text?: string): string => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-values-'));
    if (text !== undefined) writeFileSync(join(dir, 'tidepool.values.yml'), text);
    return dir;
  };

  it('is empty without a file', () => {
    expect(loadLocalValues(withFile())).toEqual({ file: join(dir, 'tidepool.values.yml'), content: undefined, ssm: {}, cf: {}, s3: {} });
  });

  it('reads the ssm, cf and s3 sections', () => {
    const values = loadLocalValues(withFile('ssm:\n  /a: b\ncf:\n  stack:\n    Out: v\ns3:\n  bucket/key: text\n'));
    expect(values).toMatchObject({ ssm: { '/a': 'b' }, cf: { stack: { Out: 'v' } }, s3: { 'bucket/key': 'text' } });
    expect(values.content?.toString()).toContain('/a: b');
  });

  it.each([
    ['secrets:\n  a: b\n', 'unknown section "secrets" (expected ssm, cf or s3)'],
    ['ssm: [a]\n', 'ssm must be a mapping of names to values'],
    ['cf:\n  stack: value\n', "cf.stack (the stack's outputs) must be a mapping of names to values"],
    ['ssm: {\n', 'not valid YAML'],
  ])('names the file and the key when the shape is wrong: %j', (text, message) => {
    withFile(text);
    expect(() => loadLocalValues(dir)).toThrow(`${join(dir, 'tidepool.values.yml')}: ${message}`);
  });
});

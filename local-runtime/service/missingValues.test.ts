import { describe, expect, it } from 'vitest';
import type { LocalValues } from './loadLocalValues';
import { missingValues, valuesFileSnippet } from './missingValues';

const values: LocalValues = { file: '/s/tidepool.values.yml', content: undefined, ssm: { '/a/set': 'x' }, cf: { billing: { TopicArn: 't' } }, s3: {} };

describe('missingValues', () => {
  it('finds literal variables the file lacks, and those the resolver was asked for', () => {
    const texts = ["url: ${ssm:/a/set}\nother: ${ssm(eu-west-1):/a/unset, 'd'}\nq: ${cf:billing.QueueUrl}\nt: ${cf:billing.TopicArn}\nf: ${s3:b/k.json}\nx: ${ssm:/${sls:stage}/y}"];
    expect(missingValues(values, ['ssm:/dev/y', 'cf:other-stack'], texts)).toEqual([
      { source: 'ssm', address: '/a/unset' },
      { source: 'cf', address: 'billing.QueueUrl' },
      { source: 's3', address: 'b/k.json' },
      { source: 'ssm', address: '/dev/y' },
      { source: 'cf', address: 'other-stack' },
    ]);
  });

  it('writes the YAML to add, by section, stacks with their outputs', () => {
    const snippet = valuesFileSnippet([
      { source: 'ssm', address: '/a/unset' },
      { source: 'cf', address: 'billing.QueueUrl' },
      { source: 'cf', address: 'other-stack' },
      { source: 's3', address: 'b/k.json' },
      { source: 'ssm', address: '-odd key' },
    ]);
    expect(snippet).toBe(['ssm:', '  /a/unset: <value>', '  "-odd key": <value>', 'cf:', '  billing:', '    QueueUrl: <value>', '  other-stack:', '    <OutputKey>: <value>', 's3:', '  b/k.json: <value>'].join('\n'));
  });
});

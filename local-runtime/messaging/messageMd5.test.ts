import { describe, expect, it } from 'vitest';
import { md5OfAttributes, md5OfBody } from './messageMd5';

describe('SQS message digests', () => {
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
  // Expected digests are the ones the moto SQS test suite pins as AWS's answers.
  it.each([
    [{ timestamp: { DataType: 'Number', StringValue: '1493147359900' } }, '235c5c510d26fb653d073faed50ae77c'],
    [{ timestamp: { DataType: 'Number', StringValue: '1493147359901' } }, '994258b45346a2cc3f9cbb611aa7af30'],
  ])('computes MD5OfMessageAttributes as SQS does (%o)', (attributes, expected) => {
    expect(md5OfAttributes(attributes)).toBe(expected);
  });

  it('has no attribute digest without attributes, and an MD5 hex body digest', () => {
    expect(md5OfAttributes({})).toBeUndefined();
    expect(md5OfBody('{"foo":"bar"}')).toBe('9bb58f26192e4ba00f01e2e7b136bbd8');
  });
});

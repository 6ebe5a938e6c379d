import { createHash } from 'node:crypto';

/** An SQS message attribute as the JSON protocol carries it. */
export interface SqsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
  StringListValues?: string[];
  BinaryListValues?: string[];
}

/** MD5 hex digest of a message body (the SDK verifies it against `MD5OfMessageBody`). */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

/**
 * MD5 of message attributes, computed as SQS documents it
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation):
 * names sorted; for each, length-prefixed name, data type, a transport byte (1 string, 2 binary)
 * and the length-prefixed value.
 */
export function md5OfAttributes(attributes: Record<string, SqsMessageAttribute>): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  const put = (bytes: Buffer): void => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of names) {
    const attribute = attributes[name] as SqsMessageAttribute;
    put(Buffer.from(name, 'utf8'));
    put(Buffer.from(attribute.DataType, 'utf8'));
    if (attribute.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      put(Buffer.from(attribute.BinaryValue, 'base64'));
    } else {
      hash.update(Buffer.from([1]));
      put(Buffer.from(attribute.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}

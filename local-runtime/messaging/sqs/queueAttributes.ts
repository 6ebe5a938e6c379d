import { MessagingError } from '../errors';

/** A settable queue attribute: its default and, for numbers, its range (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html). */
interface AttributeSpec {
  default?: string;
  range?: [number, number];
  /** Only at CreateQueue. */
  createOnly?: boolean;
  fifoOnly?: boolean;
  json?: boolean;
}

/** The attributes CreateQueue and SetQueueAttributes accept. */
export const SETTABLE_ATTRIBUTES: Readonly<Record<string, AttributeSpec>> = {
  DelaySeconds: { default: '0', range: [0, 900] },
  MaximumMessageSize: { default: '262144', range: [1024, 1_048_576] },
  MessageRetentionPeriod: { default: '345600', range: [60, 1_209_600] },
  ReceiveMessageWaitTimeSeconds: { default: '0', range: [0, 20] },
  VisibilityTimeout: { default: '30', range: [0, 43_200] },
  Policy: { json: true },
  RedrivePolicy: { json: true },
  RedriveAllowPolicy: { json: true },
  KmsMasterKeyId: {},
  KmsDataKeyReusePeriodSeconds: { range: [60, 86_400] },
  SqsManagedSseEnabled: { default: 'true' },
  FifoQueue: { createOnly: true, fifoOnly: true },
  ContentBasedDeduplication: { fifoOnly: true },
  DeduplicationScope: { fifoOnly: true },
  FifoThroughputLimit: { fifoOnly: true },
};

/** Attributes GetQueueAttributes computes. */
export const COMPUTED_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

const invalidValue = (name: string) => new MessagingError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`, 400, 'InvalidAttributeValue');

/**
 * Checks attributes given to CreateQueue or SetQueueAttributes and returns them normalized;
 * unknown names are `InvalidAttributeName`, bad values `InvalidAttributeValue` (nothing changes then).
 */
export function validateQueueAttributes(input: Record<string, unknown>, options: { fifo: boolean; create: boolean }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(input)) {
    const spec = SETTABLE_ATTRIBUTES[name];
    if (spec === undefined || (spec.fifoOnly === true && !options.fifo && !(name === 'FifoQueue' && String(raw) === 'false'))) {
      throw new MessagingError('InvalidAttributeName', `Unknown Attribute ${name}.`, 400, 'InvalidAttributeName');
    }
    if (spec.createOnly === true && !options.create) throw invalidValue(name);
    const value = String(raw);
    if (spec.range !== undefined) {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < spec.range[0] || n > spec.range[1]) throw invalidValue(name);
    }
    if (spec.json === true && value !== '') {
      try {
        JSON.parse(value);
      } catch {
        throw invalidValue(name);
      }
    }
    if (name === 'RedrivePolicy' && value !== '') validateRedrivePolicy(value);
    if ((name === 'ContentBasedDeduplication' || name === 'FifoQueue' || name === 'SqsManagedSseEnabled') && value !== 'true' && value !== 'false') throw invalidValue(name);
    out[name] = value;
  }
  return out;
}

function validateRedrivePolicy(value: string): void {
  const policy = JSON.parse(value) as Record<string, unknown>;
  const count = Number(policy['maxReceiveCount']);
  if (typeof policy['deadLetterTargetArn'] !== 'string' || !Number.isInteger(count) || count < 1 || count > 1000) {
    throw new MessagingError('InvalidParameterValue', 'Value for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map or missing deadLetterTargetArn and maxReceiveCount.', 400, 'InvalidParameterValue');
  }
}

/** The defaults every new queue starts with. */
export function defaultQueueAttributes(fifo: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(SETTABLE_ATTRIBUTES)) if (spec.default !== undefined) out[name] = spec.default;
  if (fifo) {
    out['FifoQueue'] = 'true';
    out['ContentBasedDeduplication'] = 'false';
    out['DeduplicationScope'] = 'queue';
    out['FifoThroughputLimit'] = 'perQueue';
  }
  return out;
}

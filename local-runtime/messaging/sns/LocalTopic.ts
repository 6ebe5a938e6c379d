/** An SNS message attribute as the Query protocol carries it. */
export interface SnsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** What a filter policy sees of a published message. */
export interface PublishedMessage {
  message: string;
  attributes: Record<string, SnsMessageAttribute>;
}

/** One subscription of a local topic. */
export interface LocalSubscription {
  arn: string;
  topicArn: string;
  /** `lambda`, `sqs`, … (only these two are delivered locally). */
  protocol: string;
  endpoint: string;
  /** Subscription attributes: FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy. */
  attributes: Record<string, string>;
  /** The compiled FilterPolicy (undefined: every message). */
  matches: ((message: PublishedMessage) => boolean) | undefined;
  /** The local function a `lambda` subscription invokes (resolved from the endpoint when absent). */
  functionKey?: string;
}

/** An SNS topic, its attributes and subscriptions. */
export interface LocalTopic {
  logicalId: string | undefined;
  name: string;
  arn: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  subscriptions: LocalSubscription[];
}

/** A new topic with AWS's default attributes. */
export function newTopic(logicalId: string | undefined, name: string, arn: string, attributes: Record<string, string> = {}): LocalTopic {
  return {
    logicalId,
    name,
    arn,
    attributes: { DisplayName: '', ...(name.endsWith('.fifo') && { FifoTopic: 'true', ContentBasedDeduplication: 'false' }), ...attributes },
    tags: {},
    subscriptions: [],
  };
}

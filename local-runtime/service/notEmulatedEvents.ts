/**
 * What happens locally instead of each function event type Tidepool does not emulate, and
 * instead of the options it does not honour on the event types it does emulate.
 * Event types: https://www.serverless.com/framework/docs/providers/aws/events/
 */

type Json = Record<string, unknown>;

/** Describes, for one event of a function, what happens instead (`spec` is the event's value). */
export type EventDescriber = (spec: unknown, functionKey: string) => string;

/** Event types the runtime serves or delivers (their options are checked with {@link UNHONOURED_EVENT_OPTIONS}). */
export const EMULATED_EVENT_TYPES = new Set(['httpApi', 'http', 'stream', 'sqs', 'sns', 'eventBridge', 'schedule']);

const field = (spec: unknown, name: string): unknown => (spec !== null && typeof spec === 'object' ? (spec as Json)[name] : spec);
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));
const invokeHint = (functionKey: string) => `run it by hand with \`tidepool invoke ${functionKey} --event <file>\``;

/** ALB `conditions: { method, path }` → `GET /hello` (either may be a list or missing). */
function albRoute(conditions: unknown): string {
  const list = (name: string) => [field(conditions, name) ?? []].flat().map(text);
  return [list('method').join('|') || 'ANY', list('path').join('|') || '/*'].join(' ');
}

/** The event types of the Serverless Framework's AWS provider that are not emulated, each with what happens instead. */
export const NOT_EMULATED_EVENTS: Record<string, EventDescriber> = {
  websocket: (spec) => `API Gateway WebSocket API events are not served locally: route ${text(field(spec, 'route'))} is never invoked`,
  s3: (spec) => `S3 events never fire: there is no local S3 (bucket ${text(field(spec, 'bucket'))})`,
  alb: (spec) => `Application Load Balancer events are not served locally: ${albRoute(field(spec, 'conditions'))} is not reachable`,
  cloudwatchEvent: (_spec, key) => `CloudWatch Events rules are not emulated: the function is never invoked by them (use an eventBridge event for a local rule); ${invokeHint(key)}`,
  cloudwatchLog: (spec) => `CloudWatch Logs subscriptions are not emulated: log group ${text(field(spec, 'logGroup'))} never invokes the function`,
  cognitoUserPool: (spec) => `Cognito User Pool triggers never fire: there is no local user pool (${text(field(spec, 'pool'))}, trigger ${text(field(spec, 'trigger'))})`,
  iot: (spec) => `AWS IoT rules are not emulated: ${text(field(spec, 'sql'))} never invokes the function`,
  iotFleetProvisioning: () => 'AWS IoT fleet provisioning hooks are not emulated: the function is never invoked by them',
  alexaSkill: () => 'Alexa Skills Kit invocations are not emulated: the function is never invoked by them',
  alexaSmartHome: () => 'Alexa Smart Home invocations are not emulated: the function is never invoked by them',
  cloudFront: (spec) => `Lambda@Edge (cloudFront) is not emulated: ${text(field(spec, 'eventType'))} never invokes the function`,
  msk: (spec) => `Amazon MSK is not emulated: topic ${text(field(spec, 'topic'))} never delivers records`,
  kafka: (spec) => `Kafka event sources are not emulated: topic ${text(field(spec, 'topic'))} never delivers records`,
  activemq: (spec) => `Amazon MQ (ActiveMQ) is not emulated: queue ${text(field(spec, 'queue'))} never delivers messages`,
  rabbitmq: (spec) => `Amazon MQ (RabbitMQ) is not emulated: queue ${text(field(spec, 'queue'))} never delivers messages`,
};

/** For an event type nobody has described (a plugin's own event, a typo). */
export const unknownEvent: EventDescriber = () => 'this event type is not known to Tidepool: it is not emulated and never invokes the function';

const ASYNC_RETRIES = "not honoured locally: a failing delivery is retried twice (Lambda's asynchronous default), then dropped";

/** Options of emulated event types that the local runtime accepts but does not honour, with what happens instead. */
export const UNHONOURED_EVENT_OPTIONS: Record<string, Record<string, string>> = {
  sqs: {
    maximumConcurrency: 'not honoured locally: invocations run one at a time',
  },
  sns: {
    redrivePolicy: `${ASYNC_RETRIES}, not sent to a dead-letter queue`,
  },
  eventBridge: {
    retryPolicy: ASYNC_RETRIES,
    deadLetterQueueArn: `${ASYNC_RETRIES}, not sent to the dead-letter queue`,
  },
  stream: {
    consumer: 'ignored locally (Kinesis only)',
    startingPositionTimestamp: 'ignored locally (Kinesis only)',
  },
  schedule: {
    timezone: 'not honoured locally: cron expressions run in UTC',
  },
  httpApi: {},
  http: {
    async: 'not honoured locally: the request waits for the function and gets its result (AWS answers 200 at once with an empty body)',
    response: "custom integration responses (template, headers, statusCodes) are not applied locally: osls's default responses are used",
    timeoutInMillis: "not honoured locally: a request waits for the function's own timeout (API Gateway's default is 29 s)",
  },
};

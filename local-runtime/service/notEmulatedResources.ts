/** CloudFormation resource types that get a local stand-in (see runtime/LocalResources). */
export const EMULATED_RESOURCE_TYPES = new Set([
  'AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::SNS::Subscription', 'AWS::Events::EventBus', 'AWS::Events::Rule', 'AWS::Scheduler::Schedule',
]);

const IAM = 'IAM is not enforced locally: every handler may call every local service';
const POLICY = 'resource policies are not enforced locally';

/**
 * What happens locally instead of resource types that are not emulated, by exact type first, then
 * by service prefix (`AWS::Cognito::`); anything else gets {@link DEFAULT_RESOURCE}.
 */
export const NOT_EMULATED_RESOURCES: Record<string, string> = {
  'AWS::IAM::': IAM,
  'AWS::S3::Bucket': 'there is no local S3: no bucket is created (its Ref and Arn are placeholder names), s3 events never fire and S3 requests from handlers fail',
  'AWS::S3::BucketPolicy': POLICY,
  'AWS::Cognito::': 'Cognito is not emulated: there is no local user pool; JWT authorizers check tokens against the local key set (custom.tidepool.jwks)',
  'AWS::SNS::TopicPolicy': POLICY,
  'AWS::SQS::QueuePolicy': POLICY,
  'AWS::Events::EventBusPolicy': POLICY,
  'AWS::Lambda::Permission': 'Lambda permissions are not enforced locally',
  'AWS::Lambda::EventSourceMapping': "not emulated: only functions' stream and sqs events are event source mappings locally",
  'AWS::Lambda::Function': "not emulated: only the service's functions run locally",
  'AWS::Logs::': 'CloudWatch Logs is not emulated: handler output goes to the terminal',
  'AWS::CloudWatch::': 'CloudWatch alarms and dashboards are not emulated',
  'AWS::ApiGateway::': "not applied locally: the local REST API is built from the functions' http events only (gateway responses, models, authorizers and methods declared in resources are ignored)",
  'AWS::ApiGatewayV2::': "API Gateway resources are not emulated: only functions' httpApi routes are served",
  'AWS::ApplicationAutoScaling::': 'auto scaling is not emulated: provisioned capacity stays as configured (under --capacity, UpdateTable changes apply at once)',
};

/** For a resource type with no entry in {@link NOT_EMULATED_RESOURCES}. */
export const DEFAULT_RESOURCE = 'not emulated locally: nothing is created for it, and handler requests to its service fail';

/** What happens instead of a resource type, or undefined when the type is emulated. */
export function describeResourceType(type: string): string | undefined {
  if (EMULATED_RESOURCE_TYPES.has(type)) return undefined;
  const prefix = /^[^:]+::[^:]+::/.exec(type)?.[0];
  return NOT_EMULATED_RESOURCES[type] ?? (prefix === undefined ? undefined : NOT_EMULATED_RESOURCES[prefix]) ?? DEFAULT_RESOURCE;
}

import type { CfnValue, ServiceModel } from './ServiceModel';

/** Where a `stream` event reads from: a table of this service, a stream the runtime cannot consume, or a problem. */
export type StreamTarget =
  | { logicalId: string; attribute: string }
  | { notEmulated: string }
  | { problem: string };

/**
 * Classifies a `stream` event (its value in serverless.yml). Kinesis streams and ARN strings of
 * tables that are not in resources cannot be consumed locally (`notEmulated` says what happens
 * instead); an arn that is neither an intrinsic nor an ARN is a problem.
 */
export function streamTarget(event: unknown, model: ServiceModel): StreamTarget {
  const arn: CfnValue = typeof event === 'object' && event !== null ? (event as { arn?: CfnValue }).arn : event;
  const kinesis = (typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'kinesis') || (typeof arn === 'string' && arn.startsWith('arn:aws:kinesis:'));
  if (kinesis) return { notEmulated: 'Kinesis streams are not emulated: the function never receives records' };
  return arnTarget(arn, model);
}

/** Whether a `stream` event reads a local table's stream (what buildMappings builds mappings for). */
export function isLocalStreamEvent(event: unknown, model: ServiceModel): boolean {
  return 'logicalId' in streamTarget(event, model);
}

/** The table an event's arn names, an ARN of a table elsewhere, or a problem. String ARNs are matched on TableName. */
function arnTarget(arn: CfnValue, model: ServiceModel): StreamTarget {
  if (arn !== null && typeof arn === 'object' && !Array.isArray(arn)) {
    const getAtt = (arn as Record<string, unknown>)['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return { logicalId: getAtt[0], attribute: String(getAtt[1]) };
    if (typeof getAtt === 'string' && getAtt.includes('.')) {
      const dot = getAtt.indexOf('.');
      return { logicalId: getAtt.slice(0, dot), attribute: getAtt.slice(dot + 1) };
    }
    const ref = (arn as Record<string, unknown>).Ref;
    if (typeof ref === 'string') return { logicalId: ref, attribute: 'Ref' };
  }
  if (typeof arn === 'string') {
    const name = /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/([^/]+)\/stream\//.exec(arn)?.[1];
    const match = Object.entries(model.resources).find(([, r]) => r.Type === 'AWS::DynamoDB::Table' && r.Properties?.TableName === name);
    if (match) return { logicalId: match[0], attribute: 'StreamArn' };
    if (arn.startsWith('arn:')) {
      return { notEmulated: `${arn} is not the stream of a table in resources: only local tables' streams are consumed, so the function never receives its records` };
    }
  }
  return { problem: `stream event arn ${JSON.stringify(arn)} must be !GetAtt <Table>.StreamArn` };
}

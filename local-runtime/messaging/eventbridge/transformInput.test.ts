import { describe, expect, it } from 'vitest';
import type { LocalRule } from './LocalBus';
import { transformInput } from './transformInput';

const rule: LocalRule = { name: 'r', arn: 'arn:aws:events:us-east-1:000000000000:rule/r', eventBusName: 'default', state: 'ENABLED', matches: undefined, targets: [] };
// The sample event of https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
const event = {
  version: '0', id: '7bf73129-1428-4cd3-a780-95db273d1602', 'detail-type': 'EC2 Instance State-change Notification', source: 'aws.ec2',
  account: '123456789012', time: '2015-11-11T21:29:54Z', region: 'us-east-1', resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' },
};
const paths = { instance: '$.detail.instance-id', state: '$.detail.state' };

describe('transformInput', () => {
  it('passes the event, a constant Input, or the value at InputPath', () => {
    expect(transformInput({ Id: 't', Arn: 'a' }, event, rule)).toBe(event);
    expect(transformInput({ Id: 't', Arn: 'a', Input: '{"fixed":true}' }, event, rule)).toEqual({ fixed: true });
    expect(transformInput({ Id: 't', Arn: 'a', InputPath: '$.detail' }, event, rule)).toEqual(event.detail);
    expect(transformInput({ Id: 't', Arn: 'a', InputPath: '$.resources[0]' }, event, rule)).toBe(event.resources[0]);
  });

  it('fills a JSON template: inside quotes as text, outside as JSON, with the predefined variables', () => {
    const out = transformInput({ Id: 't', Arn: 'a', InputTransformer: { InputPathsMap: paths, InputTemplate: '{"instance": <instance>, "message": "<instance> is in state <state>", "rule": "<aws.events.rule-name>"}' } }, event, rule);
    expect(out).toEqual({ instance: 'i-0123456789', message: 'i-0123456789 is in state RUNNING', rule: 'r' });
  });

  it('sends a template that is not JSON as a string', () => {
    const out = transformInput({ Id: 't', Arn: 'a', InputTransformer: { InputPathsMap: paths, InputTemplate: '"<instance> is in state <state>"' } }, event, rule);
    expect(out).toBe('i-0123456789 is in state RUNNING');
  });
});

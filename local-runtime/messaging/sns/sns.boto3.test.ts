import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMessagingEndpoint } from '../testing/startMessagingEndpoint';
import { boto3, hasBoto3 } from '../testing/awsCli';

let endpoint: Awaited<ReturnType<typeof startMessagingEndpoint>>;
beforeAll(async () => {
  endpoint = await startMessagingEndpoint();
});
afterAll(() => endpoint.close());

// boto3 shares the AWS CLI's botocore: SNS over Query, EventBridge over JSON 1.1, SQS over JSON.
// https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html, https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html
describe.skipIf(!hasBoto3)('boto3 (botocore, as the AWS CLI)', () => {
  it('creates topics and subscriptions with filter policies, publishes, and routes events through rules with transformers', async () => {
    const out = (await boto3(endpoint.url, `
sqs, sns, events = client("sqs"), client("sns"), client("events")
urls = [sqs.create_queue(QueueName=n)["QueueUrl"] for n in ("big", "all")]
arn = lambda n: "arn:aws:sqs:us-east-1:000000000000:" + n
topic = sns.create_topic(Name="orders")["TopicArn"]
big = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn("big"), ReturnSubscriptionArn=True,
  Attributes={"FilterPolicy": json.dumps({"total": [{"numeric": [">", 100]}]}), "RawMessageDelivery": "true"})["SubscriptionArn"]
sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn("all"))
for total in (50, 500):
  sns.publish(TopicArn=topic, Message="order " + str(total), MessageAttributes={"total": {"DataType": "Number", "StringValue": str(total)}})
attributes = sns.get_subscription_attributes(SubscriptionArn=big)["Attributes"]
try:
  sns.set_subscription_attributes(SubscriptionArn=big, AttributeName="FilterPolicy", AttributeValue="{not json")
  bad = None
except sns.exceptions.InvalidParameterException as e:
  bad = e.response["Error"]["Code"]
events.put_rule(Name="shipped", EventPattern=json.dumps({"source": ["shop"], "detail-type": ["Shipped"]}))
events.put_targets(Rule="shipped", Targets=[{"Id": "t", "Arn": arn("all"), "InputTransformer": {"InputPathsMap": {"id": "$.detail.id"}, "InputTemplate": "{\\"order\\": <id>, \\"text\\": \\"order <id> shipped\\"}"}}])
put = events.put_events(Entries=[{"Source": "shop", "DetailType": "Shipped", "Detail": json.dumps({"id": "o-1"})}, {"Source": "shop", "DetailType": "Other", "Detail": "{}"}])
def drain(url): return [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])]
print(json.dumps({"big": drain(urls[0]), "all": drain(urls[1]), "attributes": attributes, "bad": bad, "failed": put["FailedEntryCount"],
  "rules": [r["Name"] for r in events.list_rules()["Rules"]], "targets": events.list_targets_by_rule(Rule="shipped")["Targets"],
  "subs": len(sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"])}))
`)) as Record<string, unknown>;
    expect(out['big']).toEqual(['order 500']);
    const all = (out['all'] as string[]).map((b) => JSON.parse(b) as Record<string, unknown>);
    expect(all.map((n) => n['Message'] ?? n['text'])).toEqual(['order 50', 'order 500', 'order o-1 shipped']);
    expect(all[0]).toMatchObject({ Type: 'Notification', TopicArn: 'arn:aws:sns:us-east-1:000000000000:orders', MessageAttributes: { total: { Type: 'Number', Value: '50' } } });
    expect(all[2]).toEqual({ order: 'o-1', text: 'order o-1 shipped' });
    expect(out['attributes']).toMatchObject({ RawMessageDelivery: 'true', Protocol: 'sqs', FilterPolicy: '{"total": [{"numeric": [">", 100]}]}' });
    expect(out['bad']).toBe('InvalidParameter');
    expect(out['failed']).toBe(0);
    expect(out['rules']).toEqual(['shipped']);
    expect(out['targets']).toEqual([expect.objectContaining({ Id: 't', Arn: 'arn:aws:sqs:us-east-1:000000000000:all' })]);
    expect(out['subs']).toBe(2);
  });
});

import type { _Record as SdkRecord, AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb-streams';
import type { StreamEventRecord } from '../mappings/types';

type Wire = Record<string, unknown>;

const base64 = (bytes: Uint8Array | string): string => (typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('base64'));

/** An SDK attribute value back to DynamoDB JSON (binary as base64, as Lambda delivers it). */
function toWire(value: SdkAttributeValue): Wire {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: toWireItem(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toWire) };
  const [type, member] = Object.entries(value).find(([, v]) => v !== undefined) ?? ['NULL', true];
  return { [type]: member };
}

function toWireItem(item: Record<string, SdkAttributeValue> | undefined): Record<string, Wire> {
  return Object.fromEntries(Object.entries(item ?? {}).map(([name, value]) => [name, toWire(value)]));
}

/**
 * A record as the SDK's GetRecords returns it, in the shape Lambda delivers to a function
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html): `ApproximateCreationDateTime` in epoch
 * seconds, binary values as base64, `userIdentity` as `{type, principalId}`, and `eventSourceARN` added.
 */
export function toLambdaRecord(record: SdkRecord, streamArn: string): StreamEventRecord {
  const data = record.dynamodb ?? {};
  const created = data.ApproximateCreationDateTime;
  const identity = record.userIdentity;
  return {
    eventID: record.eventID ?? '',
    eventName: record.eventName as StreamEventRecord['eventName'],
    eventVersion: (record.eventVersion ?? '1.1') as '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? '',
    dynamodb: {
      ApproximateCreationDateTime: created instanceof Date ? Math.floor(created.getTime() / 1000) : Number(created ?? 0),
      Keys: toWireItem(data.Keys) as StreamEventRecord['dynamodb']['Keys'],
      ...(data.NewImage && { NewImage: toWireItem(data.NewImage) as StreamEventRecord['dynamodb']['Keys'] }),
      ...(data.OldImage && { OldImage: toWireItem(data.OldImage) as StreamEventRecord['dynamodb']['Keys'] }),
      SequenceNumber: data.SequenceNumber ?? '',
      SizeBytes: data.SizeBytes ?? 0,
      StreamViewType: (data.StreamViewType ?? 'NEW_AND_OLD_IMAGES') as StreamEventRecord['dynamodb']['StreamViewType'],
    },
    ...(identity && { userIdentity: { type: identity.Type ?? '', principalId: identity.PrincipalId ?? '' } }),
    eventSourceARN: streamArn,
  };
}

import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

/** The `entityType` (S) of a record's NewImage, or OldImage for removals; `undefined` if absent. */
export function entityTypeOf(record: DynamoDBRecord): string | undefined {
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  const type = image?.['entityType'];
  return type !== undefined && 'S' in type ? type.S : undefined;
}

/** A stream image (DynamoDB JSON) as a plain item, or `undefined` when the record has no such image. */
export function imageItem(image: Image | undefined): Record<string, unknown> | undefined {
  return image === undefined ? undefined : unmarshall(image as Parameters<typeof unmarshall>[0]);
}

/** A stable text key of the record's item (its primary key attributes, sorted by name). */
export function itemKeyOf(record: DynamoDBRecord): string {
  const keys = record.dynamodb?.Keys ?? {};
  return JSON.stringify(Object.keys(keys).sort().map((name) => [name, keys[name]]));
}

import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../events/lambda/lambdaContext';
import { loadEvent } from '../../events/loadEvent';
import { conditionalCheckFailed, installFakeDynamoDb, type Responder } from '../../lib/testing/fakeDynamoDbHandler';
import { handler as createOrder } from './createOrder';
import { handler as getOrder } from './getOrder';
import { handler as onOrderPlaced } from './onOrderPlaced';
import { OrderEntity, type Order } from './order';

const orderId = '3f2b8c1e-9a4d-4e6b-8c7a-1d2e3f4a5b6c';
const stored: Order = {
  id: orderId,
  customerId: 'customer-42',
  items: [
    { sku: 'SKU-RED-MUG', quantity: 2, unitPriceCents: 1250 },
    { sku: 'SKU-TEA-100G', quantity: 1, unitPriceCents: 899 },
  ],
  totalCents: 3399,
  status: 'PLACED',
  createdAt: '2024-07-25T09:33:20.000Z',
  version: 1,
};

let uninstall: (() => void) | undefined;
const fakeDynamoDb = (responder: Responder) => {
  const installed = installFakeDynamoDb(responder);
  uninstall = installed.uninstall;
  return installed.handler;
};

beforeEach(() => {
  process.env['TABLE_NAME'] = 'tidepool-test-orders';
});
afterEach(() => {
  uninstall?.();
  delete process.env['TABLE_NAME'];
});

const json = (body: string | undefined) => JSON.parse(body ?? 'null') as Record<string, unknown>;

describe('createOrder', () => {
  it('stores a PLACED order only if absent and answers 201 with its location', async () => {
    const dynamodb = fakeDynamoDb(() => ({ body: {} }));
    const event = loadEvent<APIGatewayProxyEventV2>('http/create-order.json');

    const result = await createOrder(event, lambdaContext());

    expect(result.statusCode).toBe(201);
    const order = json(result.body);
    expect(order).toMatchObject({ customerId: 'customer-42', totalCents: 3399, status: 'PLACED', version: 1 });
    expect(result.headers).toMatchObject({ location: `/orders/${String(order['id'])}`, 'x-request-id': event.requestContext.requestId });
    const put = dynamodb.requests[0];
    expect(put?.operation).toBe('PutItem');
    expect(put?.body).toMatchObject({ TableName: 'tidepool-test-orders', ConditionExpression: 'attribute_not_exists(PK)' });
    expect(put?.body['Item']).toMatchObject({ PK: { S: `ORDER#${String(order['id'])}` }, entityType: { S: 'Order' } });
  });

  it('answers 400 naming the field for an invalid item and writes nothing', async () => {
    const dynamodb = fakeDynamoDb(() => ({ body: {} }));
    const event = loadEvent<APIGatewayProxyEventV2>('http/create-order.json');
    event.body = JSON.stringify({ customerId: 'c', items: [{ sku: 's', quantity: 0, unitPriceCents: 1 }] });

    const result = await createOrder(event, lambdaContext());

    expect(result.statusCode).toBe(400);
    expect((json(result.body)['issues'] as { field: string }[]).map((i) => i.field)).toEqual(['body.items.0.quantity']);
    expect(dynamodb.requests).toHaveLength(0);
  });
});

describe('getOrder', () => {
  const getEvent = (id: string) => {
    const event = loadEvent<APIGatewayProxyEventV2>('http/get-order.json');
    return { ...event, pathParameters: { id }, rawPath: `/orders/${id}` };
  };

  it('answers 200 with the stored order', async () => {
    const dynamodb = fakeDynamoDb(() => ({ body: { Item: marshall(OrderEntity.toItem(stored)) } }));
    const result = await getOrder(getEvent(orderId), lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(json(result.body)).toEqual(stored);
    expect(dynamodb.requests[0]?.body['Key']).toEqual({ PK: { S: `ORDER#${orderId}` }, SK: { S: 'ORDER' } });
  });

  it('answers 404 when there is no such order', async () => {
    fakeDynamoDb(() => ({ body: {} }));
    const result = await getOrder(getEvent(orderId), lambdaContext());
    expect(result.statusCode).toBe(404);
    expect(json(result.body)).toEqual({ message: `Order ${orderId} not found` });
  });

  it('answers 400 when the id is not a UUID, without reading', async () => {
    const dynamodb = fakeDynamoDb(() => ({ body: {} }));
    const result = await getOrder(getEvent('not-a-uuid'), lambdaContext());
    expect(result.statusCode).toBe(400);
    expect((json(result.body)['issues'] as { field: string }[])[0]?.field).toBe('path.id');
    expect(dynamodb.requests).toHaveLength(0);
  });
});

describe('onOrderPlaced', () => {
  const accepted = { ...stored, status: 'ACCEPTED' as const, version: 2 };

  it('decodes the inserted order and accepts it under a version condition', async () => {
    const dynamodb = fakeDynamoDb(() => ({ body: { Attributes: marshall(OrderEntity.toItem(accepted)) } }));
    const result = await onOrderPlaced(loadEvent<DynamoDBStreamEvent>('streams/order-inserted.json'), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(dynamodb.requests.map((r) => r.operation)).toEqual(['UpdateItem']);
    expect(dynamodb.requests[0]?.body).toMatchObject({
      ConditionExpression: '#version = :expected',
      ExpressionAttributeValues: { ':expected': { N: '1' }, ':next': { N: '2' }, ':v0': { S: 'ACCEPTED' } },
    });
  });

  it('is a no-op on redelivery: a failed condition on an already accepted order is success', async () => {
    const dynamodb = fakeDynamoDb((r) => (r.operation === 'UpdateItem' ? conditionalCheckFailed : { body: { Item: marshall(OrderEntity.toItem(accepted)) } }));
    const result = await onOrderPlaced(loadEvent<DynamoDBStreamEvent>('streams/order-inserted.json'), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(dynamodb.requests.map((r) => r.operation)).toEqual(['UpdateItem', 'GetItem']);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
  it('reports a record it cannot decode by its sequence number', async () => {
    fakeDynamoDb(() => ({ body: { Attributes: marshall(OrderEntity.toItem(accepted)) } }));
    const event = loadEvent<DynamoDBStreamEvent>('streams/order-inserted.json');
    const good = event.Records[0]!;
    const bad = structuredClone(good);
    bad.dynamodb!.SequenceNumber = '111100000000052417635999';
    bad.dynamodb!.NewImage!['totalCents'] = { S: 'lots' };
    const result = await onOrderPlaced({ Records: [good, bad] }, lambdaContext());
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '111100000000052417635999' }] });
  });
});

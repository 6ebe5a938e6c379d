import { ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StreamRecord } from '../engine/streams/types';
import { mintDevToken } from '../auth/mintDevToken';
import { createRuntime } from './createRuntime';
import type { VirtualClock } from '../clock/Clock';
import type { Runtime } from './Runtime';

/**
 * End to end, in-process (no sockets, no sleeps): the reference service's serverless.yml run by the
 * local runtime. An HTTP request (with a JWT) writes through the repository layer, the table's
 * stream carries the INSERT, the filtered event source mapping delivers it to the consumer.
 * The saga itself is tested in functions/orders/placeOrder.e2e.test.ts.
 */
describe('the reference service, in-process', () => {
  let runtime: Runtime<VirtualClock>;
  const tableName = 'tidepool-dev-orders';

  beforeEach(async () => {
    runtime = await createRuntime({ stage: 'dev', clock: 'virtual' });
  });

  const order = { lines: [{ sku: 'SKU-1', quantity: 2 }] };
  /** A dev token (infra/local) issued at the runtime's virtual now. */
  const as = async (sub: string, scopes: string[] = []) => ({
    authorization: `Bearer ${await mintDevToken({ sub, scopes, now: new Date(runtime.clock.now()) })}`,
  });

  function streamRecords(): StreamRecord[] {
    const streamArn = runtime.resources.getAtt('OrdersTable', 'StreamArn')!;
    return runtime.engine.streams
      .shards(streamArn)
      .flatMap((shard) => runtime.engine.streams.readAfter(streamArn, shard.shardId, undefined, 1000));
  }

  it('creates an order over the HTTP API, streams the INSERT to the filtered consumer, and serves it back', async () => {
    const product = await runtime.http('PUT', '/admin/products/SKU-1', { name: 'Mug', priceCents: 1250, stock: 5 }, await as('admin-1', ['tidepool/admin']));
    expect(product.statusCode).toBe(200);
    const created = await runtime.http('POST', '/orders', order, await as('c-42'));

    expect(created.statusCode).toBe(201);
    const body = created.json as { id: string; status: string; totalCents: number };
    expect(body).toMatchObject({ customerId: 'c-42', status: 'PENDING', totalCents: 2500 });
    expect(created.headers['location']).toBe(`/orders/${body.id}`);

    // One record per write, each on the shard of its partition key (so no order across the two).
    const records = streamRecords();
    const pk = (record: StreamRecord) => JSON.stringify(record.dynamodb.Keys?.['PK']);
    expect(records.map(pk).sort()).toEqual([`{"S":"ORDER#${body.id}"}`, '{"S":"PRODUCT#SKU-1"}']);
    expect(records.find((r) => pk(r) === `{"S":"ORDER#${body.id}"}`)).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: { Keys: { PK: { S: `ORDER#${body.id}` }, SK: { S: 'ORDER' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });

    await runtime.drain();

    // onOrderPlaced's filter (INSERTs of orders only) lets exactly one record through, although the
    // saga it starts writes many more (saga state, holds, stock, payment, the order's MODIFY).
    const consumed = runtime.invocations('onOrderPlaced');
    expect(consumed).toHaveLength(1);
    expect(consumed[0]!.outcome).toBe('success');
    const batch = consumed[0]!.event as { Records: Array<StreamRecord & { eventSourceARN: string }> };
    expect(batch.Records.map((r) => r.eventName)).toEqual(['INSERT']);
    expect(batch.Records[0]!.eventSourceARN).toBe(runtime.resources.getAtt('OrdersTable', 'StreamArn'));
    expect(streamRecords().length).toBeGreaterThan(5);

    const fetched = await runtime.http('GET', `/orders/${body.id}`, undefined, await as('c-42'));
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json).toMatchObject({ id: body.id, status: 'CONFIRMED', version: 2 });
  });

  it('lists the service table through the DynamoDB API', async () => {
    const tables = await runtime.clients.dynamodb.send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual([tableName]);
  });

  it('answers a malformed order with a 400 naming the field, and writes nothing', async () => {
    const response = await runtime.http('POST', '/orders', { lines: [{ sku: 'SKU-1', quantity: 0 }] }, await as('c-42'));

    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json)).toContain('body.lines.0.quantity');
    const scan = await runtime.clients.dynamodb.send(new ScanCommand({ TableName: tableName }));
    expect(scan.Count).toBe(0);
    expect(streamRecords()).toEqual([]);
  });

  it('answers an unknown route with 404 and invokes nothing', async () => {
    const response = await runtime.http('DELETE', '/nowhere');

    expect(response.statusCode).toBe(404);
    expect(runtime.invocations()).toEqual([]);
  });

  it('answers 404 for an order that does not exist', async () => {
    const response = await runtime.http('GET', '/orders/7d1f0a4e-3c1b-4a2b-9f5e-1c2d3e4f5a6b', undefined, await as('c-42'));
    expect(response.statusCode).toBe(404);
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
  it('answers 401 without a token and invokes nothing', async () => {
    const response = await runtime.http('GET', '/orders/7d1f0a4e-3c1b-4a2b-9f5e-1c2d3e4f5a6b');
    expect(response.statusCode).toBe(401);
    expect(runtime.invocations()).toEqual([]);
  });

  // TTL (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html):
  // the table declares TimeToLiveSpecification expiresAt; once the virtual clock passes it, drain()
  // sweeps the item and the stream carries a REMOVE marked as a service deletion.
  it('expires items on the virtual clock when drain() runs, recording a service REMOVE', async () => {
    const nowSeconds = Math.floor(runtime.clock.now() / 1000);
    await runtime.clients.document.send(
      new PutCommand({ TableName: tableName, Item: { PK: 'HOLD#1', SK: 'HOLD', expiresAt: nowSeconds + 60 } }),
    );
    await runtime.drain();
    expect((await runtime.clients.document.send(new GetCommand({ TableName: tableName, Key: { PK: 'HOLD#1', SK: 'HOLD' } }))).Item).toBeDefined();

    runtime.clock.advance(61_000);
    await runtime.drain();

    expect((await runtime.clients.document.send(new GetCommand({ TableName: tableName, Key: { PK: 'HOLD#1', SK: 'HOLD' } }))).Item).toBeUndefined();
    const removal = streamRecords().find((r) => r.eventName === 'REMOVE');
    expect(removal?.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
    // Filters select each consumer's own records: a removal of an item without an entityType
    // reaches none of them (expireHolds takes only TTL removals of Hold items).
    expect(runtime.invocations()).toEqual([]);
  });
});

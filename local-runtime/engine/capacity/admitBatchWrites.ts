import { setAttribute } from '../values/attributeAccess';
import { writeDemand } from './CapacityModel';
import type { CapacityModel } from './CapacityModel';
import type { WritePlan } from '../operations/writePlan';

/**
 * BatchWriteItem under the capacity model: each put or delete is admitted or left out; the ones left out are taken
 * from `planned` (so they are not written) and returned as `UnprocessedItems`, by table, as AWS returns them when
 * throttled (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html).
 */
export function admitBatchWrites(model: CapacityModel, planned: { name: string; plans: WritePlan[] }[]): Record<string, unknown[]> {
  const unprocessed: Record<string, unknown[]> = {};
  for (const entry of planned) {
    const admitted: WritePlan[] = [];
    const left: unknown[] = [];
    for (const plan of entry.plans) {
      if (model.admitItem(writeDemand(plan.table, plan.key, plan.current, plan.next))) admitted.push(plan);
      else left.push(plan.next ? { PutRequest: { Item: plan.next } } : { DeleteRequest: { Key: plan.key } });
    }
    entry.plans = admitted;
    if (left.length > 0) setAttribute(unprocessed, entry.name, left);
  }
  return unprocessed;
}

import type { FunctionModel } from '../service/ServiceModel';

/**
 * A function's `reservedConcurrency` from serverless.yml (the most environments it may run at once,
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html), or undefined when unset.
 */
export function reservedConcurrencyOf(model: FunctionModel): number | undefined {
  const value = model.config?.['reservedConcurrency'];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

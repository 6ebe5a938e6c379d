import type { LocalResources } from '../../runtime/LocalResources';
import { resolveIntrinsics } from '../../service/resolveIntrinsics';
import type { FunctionModel } from '../../service/ServiceModel';

/** A function's asynchronous invocation settings (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html). */
export interface AsyncConfig {
  /** 0 to 2 (default 2). */
  maximumRetryAttempts: number;
  /** Default 6 hours. */
  maximumEventAgeMs: number;
  onSuccess?: string;
  onFailure?: string;
  /** `onError`: the dead-letter queue or topic (the event itself is sent). */
  deadLetterArn?: string;
}

/** Lambda's defaults. */
export const DEFAULT_ASYNC_CONFIG: AsyncConfig = { maximumRetryAttempts: 2, maximumEventAgeMs: 21_600_000 };

function arnOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && 'arn' in value) return String((value as { arn: unknown }).arn);
  return undefined;
}

/** Reads `maximumRetryAttempts`, `maximumEventAge`, `destinations` and `onError` from a function's configuration. */
export function asyncConfigOf(model: FunctionModel, resources: LocalResources): AsyncConfig {
  const raw = model.config ?? {};
  const picked = Object.fromEntries(['destinations', 'onError', 'maximumRetryAttempts', 'maximumEventAge'].filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
  const config = (resolveIntrinsics(picked as never, resources, `functions.${model.key}`) ?? {}) as Record<string, unknown>;
  const destinations = (config['destinations'] ?? {}) as Record<string, unknown>;
  const onSuccess = arnOf(destinations['onSuccess']);
  const onFailure = arnOf(destinations['onFailure']);
  const deadLetterArn = arnOf(config['onError']);
  return {
    maximumRetryAttempts: typeof config['maximumRetryAttempts'] === 'number' ? config['maximumRetryAttempts'] : 2,
    maximumEventAgeMs: (typeof config['maximumEventAge'] === 'number' ? config['maximumEventAge'] : 21_600) * 1000,
    ...(onSuccess !== undefined && { onSuccess }),
    ...(onFailure !== undefined && { onFailure }),
    ...(deadLetterArn !== undefined && { deadLetterArn }),
  };
}

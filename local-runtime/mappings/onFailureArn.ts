import type { StreamEventModel } from '../service/ServiceModel';

/** ARN of a `stream` event's on-failure destination (options with intrinsics resolved), if it has one. */
export function onFailureArn(options: StreamEventModel): string | undefined {
  const onFailure = options.destinations?.onFailure;
  if (onFailure === undefined) return undefined;
  if (typeof onFailure === 'string') return onFailure;
  if (onFailure && typeof onFailure === 'object' && 'arn' in onFailure) return String(onFailure.arn);
  return String(onFailure);
}

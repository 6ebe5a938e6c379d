import { randomBytes } from 'node:crypto';
import type { FunctionModel } from '../service/ServiceModel';
import type { LambdaContext } from './types';

/** Log stream name in Lambda's format: `2026/01/01/[$LATEST]<32 hex>`. */
export function logStreamNameFor(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

/**
 * Builds the context object (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html).
 * `settle` receives the legacy done/succeed/fail calls.
 */
export function createContext(options: {
  model: FunctionModel;
  requestId: string;
  region: string;
  accountId: string;
  logStreamName: string;
  deadlineMs: number;
  /** The runtime's clock (default: `Date.now`); the remaining time is measured on it. */
  now?: () => number;
  settle: (error: unknown, result?: unknown) => void;
}): LambdaContext {
  const { model, settle } = options;
  const now = options.now ?? Date.now;
  return {
    awsRequestId: options.requestId,
    functionName: model.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:${options.accountId}:function:${model.name}`,
    memoryLimitInMB: String(model.memorySize),
    logGroupName: `/aws/lambda/${model.name}`,
    logStreamName: options.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, options.deadlineMs - now()),
    identity: undefined,
    clientContext: undefined,
    done: (error, result) => settle(error ?? undefined, result),
    succeed: (result) => settle(undefined, result),
    fail: (error) => settle(error ?? new Error('handled')),
  };
}

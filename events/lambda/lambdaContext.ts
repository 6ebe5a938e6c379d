import type { Context } from 'aws-lambda';

/** A Lambda context object for tests (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html). */
export function lambdaContext(functionName = 'tidepool-dev-test', awsRequestId = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2024/07/25/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => 6_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

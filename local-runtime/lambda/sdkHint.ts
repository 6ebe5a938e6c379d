/** `@aws-sdk/*` clients Tidepool itself installs (the fallback when a service does not). */
const SHIPPED = '@aws-sdk/client-dynamodb, client-sqs, client-sns, client-eventbridge, lib-dynamodb';

export interface SdkHint {
  text: string;
  /** Whether the text is added to the error message (the aws-sdk v2 case, which must be seen at each invocation). */
  inMessage: boolean;
}

/**
 * What to do when a handler's module cannot load an AWS SDK package: `aws-sdk` (v2) is not part of
 * the Lambda nodejs18.x and later runtimes (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html),
 * and an `@aws-sdk/*` v3 client that neither the service nor Tidepool installs must be installed.
 * Undefined for any other error.
 */
export function sdkHint(error: unknown, runtime: string | undefined): SdkHint | undefined {
  const message = error instanceof Error ? error.message : '';
  const missing = /^Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
  if (missing === undefined) return undefined;
  if (missing === 'aws-sdk' || missing.startsWith('aws-sdk/')) {
    const major = Number(/^nodejs(\d+)/.exec(runtime ?? '')?.[1] ?? 'NaN');
    const text = Number.isNaN(major) || major >= 18
      ? `aws-sdk (AWS SDK for JavaScript v2) is not part of the Lambda nodejs18.x and later runtimes${runtime === undefined ? '' : ` (this function runs on ${runtime})`}, which include only v3 (@aws-sdk/*): add aws-sdk to the service's dependencies (npm install aws-sdk) so it is deployed with the function, or move to @aws-sdk/* clients.`
      : `the ${runtime} Lambda runtime includes aws-sdk (v2), but Tidepool does not: install it in the service to run locally (npm install --save-dev aws-sdk).`;
    return { text, inMessage: true };
  }
  if (missing.startsWith('@aws-sdk/')) {
    const pkg = missing.split('/').slice(0, 2).join('/');
    return {
      text: `Lambda's nodejs18.x and later runtimes include ${pkg}, but neither the service nor Tidepool (which ships ${SHIPPED}) installs it: npm install --save-dev ${pkg}.`,
      inMessage: false,
    };
  }
  return undefined;
}

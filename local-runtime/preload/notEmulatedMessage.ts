import { awsServiceTitle } from './awsServiceTitle';

/** The error code of a refused request to a service Tidepool does not emulate. */
export const NOT_EMULATED_CODE = 'TidepoolServiceNotEmulated';

/**
 * What a handler's SDK call to an unemulated service fails with: the service as AWS names it, the
 * operation, the function, that it was not sent to AWS, and what to do instead.
 */
export function notEmulatedMessage(refusal: { service: string; operation: string; caller?: string | undefined }): string {
  const title = awsServiceTitle(refusal.service);
  const who = refusal.caller === undefined ? 'code outside any function' : `function "${refusal.caller}"`;
  if (refusal.service === 'imds') {
    return `${title} request ${refusal.operation} from ${who} refused: Tidepool gives handlers credentials in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN and a local run never asks AWS for any.`;
  }
  return (
    `${title} ${refusal.operation} called by ${who} is not emulated by Tidepool, and a local run never sends requests to AWS, so the call was refused. ` +
    `To run this code locally, point the client at a server you run yourself (the SDK client's \`endpoint\` option: requests to non-AWS hosts pass untouched), or stub the call in your tests.`
  );
}

import { randomUUID } from 'node:crypto';
import { awsErrorResponse } from '../preload/awsErrorResponse';
import { awsOperationOf } from '../preload/awsOperationOf';
import type { AwsServiceHandler } from '../preload/AwsServiceHandler';
import { NOT_EMULATED_CODE, notEmulatedMessage } from '../preload/notEmulatedMessage';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
/** A made-up role id (AWS role ids start with AROA). */
const ROLE_ID = 'AROATIDEPOOLLOCALROLE';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * STS `GetCallerIdentity` (Query protocol, https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html)
 * as a Lambda function sees it: the local account, and the function's execution role assumed in a
 * session named after the function (`arn:aws:sts::<account>:assumed-role/<role>/<function name>`).
 * Other STS operations are refused as not emulated.
 */
export function createStsHandler(deps: { accountId: string; roleName: string; functionName: (key: string | undefined) => string | undefined }): AwsServiceHandler {
  return async (request) => {
    const operation = awsOperationOf('sts', request);
    if (operation !== 'GetCallerIdentity') {
      return awsErrorResponse('query', { statusCode: 400, code: NOT_EMULATED_CODE, message: notEmulatedMessage({ service: 'sts', operation, caller: request.caller }) });
    }
    const session = deps.functionName(request.caller) ?? 'tidepool-local';
    const arn = `arn:aws:sts::${deps.accountId}:assumed-role/${deps.roleName}/${session}`;
    const body =
      `<GetCallerIdentityResponse xmlns="${XMLNS}"><GetCallerIdentityResult>` +
      `<Arn>${escapeXml(arn)}</Arn><UserId>${ROLE_ID}:${escapeXml(session)}</UserId><Account>${deps.accountId}</Account>` +
      `</GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
    return { statusCode: 200, headers: { 'content-type': 'text/xml' }, body };
  };
}

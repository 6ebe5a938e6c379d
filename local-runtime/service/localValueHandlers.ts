import { randomUUID } from 'node:crypto';
import type { AwsServiceHandler, AwsServiceRequest as Request, AwsServiceResponse as Response } from '../preload/AwsServiceHandler';
import type { LocalValues } from './loadLocalValues';

/** A value the framework asked for that the values file does not hold, e.g. `ssm:/app/url`. */
export type MissingValue = `${'ssm' | 'cf' | 's3'}:${string}`;

/**
 * The AWS services the framework calls while resolving variables, answered from local values:
 * STS GetCallerIdentity (`${aws:accountId}`), SSM GetParameter/GetParameters (`${ssm:…}`),
 * CloudFormation DescribeStacks (`${cf:stack.Output}`) and S3 GetObject (`${s3:bucket/key}`).
 * A value the file lacks gets AWS's own not-found answer (so `${ssm:/x, 'fallback'}` falls back)
 * and is reported through `onMissing`. Any other operation gets the server's not-emulated error.
 */
export function localValueHandlers(
  values: LocalValues,
  options: { accountId: string; region: string; onMissing: (value: MissingValue) => void },
): Record<'sts' | 'ssm' | 'cloudformation' | 's3', AwsServiceHandler> {
  return {
    sts: async (request) => {
      const json = request.headers['x-amz-target']?.endsWith('.GetCallerIdentity');
      if (!json && queryAction(request) !== 'GetCallerIdentity') return notEmulated('sts', request);
      const identity = { Account: options.accountId, Arn: `arn:aws:iam::${options.accountId}:user/tidepool`, UserId: 'AIDATIDEPOOLLOCAL' };
      if (json) return jsonReply(200, identity, 'application/x-amz-json-1.1');
      return xmlReply(
        200,
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
          `<Arn>${identity.Arn}</Arn><UserId>${identity.UserId}</UserId><Account>${identity.Account}</Account>` +
          `</GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    },
    ssm: async (request) => {
      const operation = request.headers['x-amz-target']?.replace(/^AmazonSSM\./, '');
      const input = JSON.parse(request.body.toString('utf8') || '{}') as { Name?: string; Names?: string[] };
      const parameter = (name: string) => {
        if (!Object.hasOwn(values.ssm, name)) return undefined;
        return ssmParameter(name, values.ssm[name], options);
      };
      if (operation === 'GetParameter') {
        const name = String(input.Name ?? '');
        const found = parameter(name);
        if (found) return jsonReply(200, { Parameter: found });
        options.onMissing(`ssm:${name}`);
        return jsonReply(400, { __type: 'ParameterNotFound', message: `Parameter ${name} not found.` });
      }
      if (operation === 'GetParameters') {
        const names = input.Names ?? [];
        const found = names.map((name) => parameter(name)).filter((p) => p !== undefined);
        const invalid = names.filter((name) => parameter(name) === undefined);
        invalid.forEach((name) => options.onMissing(`ssm:${name}`));
        return jsonReply(200, { Parameters: found, InvalidParameters: invalid });
      }
      return notEmulated('ssm', request);
    },
    cloudformation: async (request) => {
      const form = queryForm(request);
      if (form.get('Action') !== 'DescribeStacks') return notEmulated('cloudformation', request);
      const stack = form.get('StackName') ?? '';
      const outputs = values.cf[stack];
      if (!outputs) {
        options.onMissing(`cf:${stack}`);
        return xmlReply(
          400,
          `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code>` +
            `<Message>Stack with id ${escapeXml(stack)} does not exist</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
        );
      }
      // osls asks for the whole stack; which output it reads is only known on its side, so the
      // outputs the file lacks are reported by the caller from osls's message.
      const members = Object.entries(outputs)
        .map(([key, value]) => `<member><OutputKey>${escapeXml(key)}</OutputKey><OutputValue>${escapeXml(text(value))}</OutputValue></member>`)
        .join('');
      return xmlReply(
        200,
        `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>` +
          `<StackName>${escapeXml(stack)}</StackName><StackId>arn:aws:cloudformation:${options.region}:${options.accountId}:stack/${escapeXml(stack)}/tidepool</StackId>` +
          `<CreationTime>2020-01-01T00:00:00.000Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs>${members}</Outputs>` +
          `</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></DescribeStacksResponse>`,
      );
    },
    s3: async (request) => {
      if (request.method !== 'GET') return notEmulated('s3', request);
      const address = s3Address(request);
      if (address === undefined) return notEmulated('s3', request);
      if (Object.hasOwn(values.s3, address)) {
        return { statusCode: 200, headers: { 'content-type': 'application/octet-stream' }, body: text(values.s3[address]) };
      }
      options.onMissing(`s3:${address}`);
      const key = address.slice(address.indexOf('/') + 1);
      return xmlReply(404, `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${escapeXml(key)}</Key><RequestId>${randomUUID()}</RequestId></Error>`);
    },
  };
}

/** `bucket/key` of a GetObject, virtual-hosted (`bucket.s3.…`) or path style (`s3.…/bucket/key`). */
function s3Address(request: Request): string | undefined {
  const host = (request.headers['x-tidepool-aws-host'] ?? request.headers.host ?? '').toLowerCase();
  const path = decodeURIComponent(request.path.split('?')[0] ?? '').replace(/^\//, '');
  const virtual = /^(.+?)\.s3[.-]/.exec(host);
  const address = virtual ? `${virtual[1]}/${path}` : path;
  return address.includes('/') && !address.endsWith('/') ? address : undefined;
}

function ssmParameter(name: string, value: unknown, options: { accountId: string; region: string }) {
  const [type, stored] = Array.isArray(value)
    ? ['StringList', value.map(text).join(',')]
    : value !== null && typeof value === 'object'
      ? ['SecureString', JSON.stringify(value)]
      : ['String', text(value)];
  return {
    Name: name,
    Type: type,
    Value: stored,
    Version: 1,
    DataType: 'text',
    LastModifiedDate: 1577836800,
    ARN: `arn:aws:ssm:${options.region}:${options.accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`,
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The Query protocol's form (body of a POST, or the query string of a GET). */
function queryForm(request: Request): URLSearchParams {
  return new URLSearchParams(request.method === 'GET' ? (request.path.split('?')[1] ?? '') : request.body.toString('utf8'));
}

function queryAction(request: Request): string | null {
  return queryForm(request).get('Action');
}

function jsonReply(statusCode: number, body: unknown, contentType = 'application/x-amz-json-1.1'): Response {
  return { statusCode, headers: { 'content-type': contentType, 'x-amzn-requestid': randomUUID() }, body: JSON.stringify(body) };
}

function xmlReply(statusCode: number, body: string): Response {
  return { statusCode, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() }, body };
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Operations the resolver does not answer: an AWS-shaped 400 naming them (SDKs do not retry a 400). */
function notEmulated(service: string, request: Request): Response {
  const message = `Tidepool resolves service variables locally and does not emulate this ${service} request (${request.method} ${request.path.split('?')[0]})`;
  if (service === 'ssm') return jsonReply(400, { __type: 'UnsupportedOperation', message });
  return xmlReply(400, `<ErrorResponse><Error><Type>Sender</Type><Code>UnsupportedOperation</Code><Message>${escapeXml(message)}</Message></Error></ErrorResponse>`);
}

import type { AwsServiceRequest } from './AwsServiceHandler';

/** The wire protocol a request speaks, so an error reply is one its SDK parses. */
export type AwsWireProtocol = 'json' | 'cbor' | 'query' | 'ec2' | 'rest-xml' | 'rest-xml-wrapped' | 'rest-json';

/** REST-XML services whose errors come wrapped in `<ErrorResponse>`; S3 sends a bare `<Error>`. */
const WRAPPED_REST_XML = new Set(['route53', 'cloudfront']);
const BARE_REST_XML = new Set(['s3', 's3-control', 's3-outposts']);

/** The protocol of a request, from its own headers and body first, then from the service. */
export function awsProtocolOf(service: string | undefined, request: AwsServiceRequest): AwsWireProtocol {
  const headers = request.headers;
  if (headers['smithy-protocol'] === 'rpc-v2-cbor') return 'cbor';
  if (headers['x-amz-target'] !== undefined) return 'json';
  if (queryAction(request) !== undefined) return service === 'ec2' ? 'ec2' : 'query';
  if (service !== undefined && BARE_REST_XML.has(service)) return 'rest-xml';
  if (service !== undefined && WRAPPED_REST_XML.has(service)) return 'rest-xml-wrapped';
  return 'rest-json';
}

/**
 * The operation a request asks for: the `X-Amz-Target` suffix (JSON protocols), the `Action` of a
 * Query request, the operation of an RPCv2 path, S3's `x-id` (SDK v3) or its usual REST shapes, else
 * the method and path.
 */
export function awsOperationOf(service: string | undefined, request: AwsServiceRequest): string {
  const target = request.headers['x-amz-target'];
  if (target !== undefined) return target.slice(target.lastIndexOf('.') + 1);
  const action = queryAction(request);
  if (action !== undefined) return action;
  const url = new URL(request.path, 'http://local');
  const rpc = /\/service\/[^/]+\/operation\/([^/]+)$/.exec(url.pathname);
  if (rpc !== null) return decodeURIComponent(rpc[1]!);
  if (service === 's3') return s3Operation(request, url) ?? `${request.method} ${url.pathname}`;
  return `${request.method} ${url.pathname}`;
}

/** The Query protocol's `Action`, from a form body or the query string. */
function queryAction(request: AwsServiceRequest): string | undefined {
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const action = new URLSearchParams(request.body.toString('utf8')).get('Action');
    if (action !== null) return action;
  }
  const fromQuery = new URL(request.path, 'http://local').searchParams.get('Action');
  return fromQuery ?? undefined;
}

/** S3's common object and bucket operations, told apart by method, path and sub-resource. */
function s3Operation(request: AwsServiceRequest, url: URL): string | undefined {
  const id = url.searchParams.get('x-id');
  if (id !== null) return id;
  const host = request.headers['x-tidepool-aws-host'] ?? request.headers.host ?? '';
  const virtualHosted = /^[^.]+\.s3[.-]/.test(host);
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const hasKey = virtualHosted ? segments.length > 0 : segments.length > 1;
  const hasBucket = virtualHosted || segments.length > 0;
  const q = url.searchParams;
  switch (request.method) {
    case 'GET':
      if (!hasBucket) return 'ListBuckets';
      if (hasKey) return 'GetObject';
      return q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    case 'HEAD':
      return hasKey ? 'HeadObject' : 'HeadBucket';
    case 'PUT':
      if (!hasKey) return 'CreateBucket';
      return request.headers['x-amz-copy-source'] !== undefined ? 'CopyObject' : q.has('partNumber') ? 'UploadPart' : 'PutObject';
    case 'DELETE':
      return hasKey ? 'DeleteObject' : 'DeleteBucket';
    case 'POST':
      if (q.has('delete')) return 'DeleteObjects';
      if (q.has('uploads')) return 'CreateMultipartUpload';
      if (q.has('uploadId')) return 'CompleteMultipartUpload';
      return undefined;
    default:
      return undefined;
  }
}

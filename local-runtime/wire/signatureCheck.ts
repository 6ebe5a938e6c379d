import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignatureV4 } from '@smithy/signature-v4';
import { parse as parseIni } from 'ini';
import { DynamoDbError } from '../engine/errors';
import type { Checksum, SourceData } from '@smithy/types';

/** Secret access keys by access key id: the only credentials a checking endpoint accepts. */
export type SigningKeys = ReadonlyMap<string, string>;

/** How far a request's X-Amz-Date may be from the endpoint's clock (SigV4's window, as AWS's messages state it). */
const SKEW_MS = 15 * 60 * 1000;

/**
 * Reads the access keys from an AWS shared credentials file (`aws_access_key_id` / `aws_secret_access_key` per
 * profile, https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html#file-format-creds), every profile.
 * @throws Error naming the file when it cannot be read or holds no complete key pair.
 */
export function loadSigningKeys(file: string): SigningKeys {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read the credentials file (${(error as Error).message})`, { cause: error });
  }
  const keys = new Map<string, string>();
  for (const [profile, section] of Object.entries(parseIni(text) as Record<string, unknown>)) {
    if (typeof section !== 'object' || section === null) continue;
    const { aws_access_key_id: id, aws_secret_access_key: secret } = section as Record<string, unknown>;
    if (typeof id === 'string' && typeof secret === 'string' && id !== '' && secret !== '') keys.set(id, secret);
    else if (id !== undefined || secret !== undefined) throw new Error(`${file}: profile [${profile}] needs both aws_access_key_id and aws_secret_access_key`);
  }
  if (keys.size === 0) throw new Error(`${file}: no profile with aws_access_key_id and aws_secret_access_key`);
  return keys;
}

/** The request as received over HTTP (header names lower-case). */
export interface SignedRequest {
  method: string;
  /** Path and query, as in the request line. */
  url: string;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

const coral = (type: string, message: string): DynamoDbError => new DynamoDbError(type, message);
const missingToken = (): DynamoDbError => coral('MissingAuthenticationTokenException', 'Request is missing Authentication Token');

/** `20260101T000000Z` (SigV4's date format). */
const amzDate = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * Checks a request's Signature Version 4 `Authorization` header against `keys`, as DynamoDB does
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html): no header is
 * MissingAuthenticationTokenException, a header without its parts IncompleteSignatureException (messages as
 * dynalite's tests against DynamoDB record them), an unknown key UnrecognizedClientException, a date more than
 * 15 minutes off `nowMs` or a signature that does not match InvalidSignatureException. Resolves with the error
 * to answer, or undefined when the signature is good. Query-string (presigned) authentication is refused.
 */
export async function checkSignature(request: SignedRequest, keys: SigningKeys, nowMs: number): Promise<DynamoDbError | undefined> {
  const header = request.headers.authorization;
  const queryAuth = /[?&]X-Amz-Algorithm(=|&|$)/.test(request.url);
  if (header !== undefined && queryAuth) return coral('InvalidSignatureException', "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  if (queryAuth) return coral('InvalidSignatureException', 'Tidepool checks only Authorization-header signatures, not presigned query strings');
  if (header === undefined || !header.startsWith('AWS4-')) return missingToken();
  const parts = new Map<string, string>();
  for (const match of header.matchAll(/(Credential|SignedHeaders|Signature)=([^,\s]*)/g)) parts.set(match[1] as string, match[2] as string);
  const date = request.headers['x-amz-date'] ?? request.headers.date;
  const missing = [
    ...['Credential', 'Signature', 'SignedHeaders'].filter((p) => !parts.has(p)).map((p) => `Authorization header requires '${p}' parameter.`),
    ...(date === undefined ? ["Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."] : []),
  ];
  if (missing.length > 0) return coral('IncompleteSignatureException', `${missing.join(' ')} Authorization=${header}`);
  const [accessKeyId = '', , region = '', service = ''] = (parts.get('Credential') as string).split('/');
  const secretAccessKey = keys.get(accessKeyId);
  if (secretAccessKey === undefined) return coral('UnrecognizedClientException', 'The security token included in the request is invalid.');
  const signedAt = parseAmzDate(date as string);
  if (signedAt === undefined) return coral('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${date as string}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  if (signedAt < nowMs - SKEW_MS) {
    return coral('InvalidSignatureException', `Signature expired: ${amzDate(signedAt)} is now earlier than ${amzDate(nowMs - SKEW_MS)} (${amzDate(nowMs)} - 15 min.)`);
  }
  if (signedAt > nowMs + SKEW_MS) {
    return coral('InvalidSignatureException', `Signature not yet current: ${amzDate(signedAt)} is still later than ${amzDate(nowMs + SKEW_MS)} (${amzDate(nowMs)} + 15 min.)`);
  }
  const expected = await expectedSignature(request, parts.get('SignedHeaders') as string, { accessKeyId, secretAccessKey, region, service, signedAt });
  const given = Buffer.from(parts.get('Signature') as string);
  if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) {
    return coral(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return undefined;
}

function parseAmzDate(text: string): number | undefined {
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (basic) return Date.UTC(Number(basic[1]), Number(basic[2]) - 1, Number(basic[3]), Number(basic[4]), Number(basic[5]), Number(basic[6]));
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The signature the request should carry, computed by the AWS SDK's own SigV4 signer over the headers it names. */
async function expectedSignature(
  request: SignedRequest,
  signedHeaderList: string,
  key: { accessKeyId: string; secretAccessKey: string; region: string; service: string; signedAt: number },
): Promise<Buffer> {
  const signedHeaders = signedHeaderList.toLowerCase().split(';');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const url = new URL(request.url, 'http://placeholder');
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [seen, value].flat();
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    region: key.region,
    service: key.service,
    sha256: NodeSha256,
    // Sign exactly what the client signed: no x-amz-content-sha256 header of the signer's own.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: headers.host ?? '', path: url.pathname, query, headers, body: request.body },
    { signingDate: new Date(key.signedAt), signableHeaders: new Set(signedHeaders) },
  );
  const authorization = signed.headers.authorization ?? signed.headers.Authorization ?? '';
  return Buffer.from(/Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '');
}

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the signer takes. */
class NodeSha256 implements Checksum {
  readonly #secret: SourceData | undefined;
  #hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;

  constructor(secret?: SourceData) {
    this.#secret = secret;
    this.#hash = NodeSha256.#create(secret);
  }

  static #create(secret: SourceData | undefined): ReturnType<typeof createHash> | ReturnType<typeof createHmac> {
    if (secret === undefined) return createHash('sha256');
    return createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret instanceof ArrayBuffer ? new Uint8Array(secret) : new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)));
  }

  update(data: Uint8Array | string): void {
    this.#hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }

  reset(): void {
    this.#hash = NodeSha256.#create(this.#secret);
  }
}

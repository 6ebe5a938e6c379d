import { DynamoDbError } from '../engine/errors';
import { decodeCoding } from './contentCoding';

/** DynamoDB's largest accepted HTTP request body: 16 MB (as dynalite and DynamoDB Local apply it). */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

function bytesOf(body: string | Uint8Array): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  // A view, never Buffer.from(body): the SDK's JsonBytesStringAdapter would be converted through valueOf().
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * The request body as text: decoded when `Content-Encoding` is gzip (request compression,
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-compression.html) or deflate, and refused with
 * `RequestEntityTooLarge` (HTTP 413) over {@link MAX_REQUEST_BYTES} before or after decompression.
 */
export function decodeRequestBody(body: string | Uint8Array, contentEncoding: string | undefined): string {
  if (contentEncoding === undefined || contentEncoding === '') return plainText(body);
  const encodings = (contentEncoding ?? '').toLowerCase().split(',').map((e) => e.trim()).filter((e) => e !== '' && e !== 'identity');
  if (encodings.length === 0) return plainText(body);
  let bytes = bytesOf(body);
  if (bytes.byteLength > MAX_REQUEST_BYTES) throw tooLarge();
  for (const encoding of encodings.reverse()) {
    if (encoding !== 'gzip' && encoding !== 'deflate') throw new DynamoDbError('SerializationException', `Unsupported Content-Encoding: ${encoding}`);
    try {
      bytes = decodeCoding(encoding, bytes, MAX_REQUEST_BYTES + 1);
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw new DynamoDbError('SerializationException', `The request body is not valid ${encoding} data`, 400, {}, { cause: error });
    }
    if (bytes.byteLength > MAX_REQUEST_BYTES) throw tooLarge();
  }
  return bytes.toString('utf8');
}

/**
 * UTF-8 text of bytes as Buffer#toString gives it (malformed sequences replaced, a leading byte-order mark kept),
 * without a Buffer view per request. Reads the SDK's body (a JsonBytesStringAdapter) as bytes, never through its
 * string methods.
 */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** An unencoded body as text, within the request limit. */
function plainText(body: string | Uint8Array): string {
  if (typeof body === 'string') {
    if (body.length > MAX_REQUEST_BYTES / 3 && Buffer.byteLength(body) > MAX_REQUEST_BYTES) throw tooLarge();
    return body;
  }
  if (body.byteLength > MAX_REQUEST_BYTES) throw tooLarge();
  return UTF8.decode(body);
}

function tooLarge(): DynamoDbError {
  return new DynamoDbError('RequestEntityTooLarge', 'Request entity too large', 413);
}

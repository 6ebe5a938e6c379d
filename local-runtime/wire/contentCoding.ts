import { deflateSync, gunzipSync, gzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/** A content coding the endpoint reads and writes besides identity (https://www.rfc-editor.org/rfc/rfc9110#section-8.4.1). */
export type ContentCoding = 'gzip' | 'deflate';

/**
 * The coding to answer in for an `Accept-Encoding` value (https://www.rfc-editor.org/rfc/rfc9110#section-12.5.3):
 * the acceptable coding with the highest quality (`q=0` refuses one; `*` stands for any coding not named; gzip
 * wins a tie), or undefined for identity. Repeated headers arrive joined with commas, which reads the same.
 */
export function negotiateCoding(acceptEncoding: string | undefined): ContentCoding | undefined {
  if (acceptEncoding === undefined || acceptEncoding === '') return undefined;
  const quality: Partial<Record<string, number>> = {};
  for (const token of acceptEncoding.split(',')) {
    const [name = '', ...params] = token.split(';');
    const coding = name.trim().toLowerCase();
    if (coding === '') continue;
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    quality[coding] = Number.isFinite(value) ? value : 0;
  }
  const of = (coding: ContentCoding): number => quality[coding] ?? quality['*'] ?? 0;
  const gzip = of('gzip');
  const deflate = of('deflate');
  if (gzip <= 0 && deflate <= 0) return undefined;
  return gzip >= deflate ? 'gzip' : 'deflate';
}

/** `bytes` in `coding` (deflate is the zlib format RFC 9110 names). */
export function encodeCoding(coding: ContentCoding, bytes: Uint8Array): Buffer {
  return coding === 'gzip' ? gzipSync(bytes) : deflateSync(bytes);
}

/**
 * `bytes` decoded from one request coding, at most `maxOutputLength` bytes (zlib throws ERR_BUFFER_TOO_LARGE past
 * it). Deflate bodies in the zlib format, and raw deflate as some clients send it, are both read.
 */
export function decodeCoding(coding: ContentCoding, bytes: Uint8Array, maxOutputLength: number): Buffer {
  if (coding === 'gzip') return gunzipSync(bytes, { maxOutputLength });
  // A zlib stream starts with a header whose first two bytes are a multiple of 31 (RFC 1950, section 2.2).
  const zlibHeader = bytes.byteLength >= 2 && ((bytes[0] as number) & 0x0f) === 8 && (((bytes[0] as number) << 8) | (bytes[1] as number)) % 31 === 0;
  return zlibHeader ? inflateSync(bytes, { maxOutputLength }) : inflateRawSync(bytes, { maxOutputLength });
}

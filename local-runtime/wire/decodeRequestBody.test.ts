import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRequestBody } from './decodeRequestBody';

// Unencoded bodies are decoded with one TextDecoder (no Buffer view per request). The text must be what
// Buffer#toString('utf8') gives for any bytes: a leading byte-order mark kept (JSON.parse then refuses it, as
// DynamoDB does), malformed sequences replaced the same way.
const bytes = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 255 }).map((b) => [b]),
    fc.constantFrom([0xef, 0xbb, 0xbf], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xf0, 0x9f, 0x98], [0xc3, 0xa9], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0x7b, 0x7d]),
  ),
  { maxLength: 12 },
).map((chunks) => new Uint8Array(chunks.flat()));

describe('decodeRequestBody', () => {
  it('decodes bytes exactly as Buffer#toString("utf8") does', () => {
    fc.assert(
      fc.property(bytes, (body) => {
        expect(decodeRequestBody(body, undefined)).toBe(Buffer.from(body).toString('utf8'));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a leading byte-order mark, so the body is not JSON', () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('{}')]);
    expect(decodeRequestBody(body, undefined)).toBe('\ufeff{}');
    expect(() => JSON.parse(decodeRequestBody(body, undefined))).toThrow(SyntaxError);
  });
});

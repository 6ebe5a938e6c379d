import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilter } from './compileFilter';

// Properties of the matcher for the Lambda filter language
// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).

type Scalar = string | number | boolean | null;
type Doc = { [key: string]: Scalar | Doc };

// Field names without dots (a dot is a nested path) and not `$or`.
const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}$/);
const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
);
const doc: fc.Arbitrary<Doc> = fc.letrec<{ doc: Doc }>((tie) => ({
  doc: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, scalar, tie('doc')), { minKeys: 1, maxKeys: 4 }),
})).doc;

/** Every (path, scalar) leaf of a document. */
function leaves(value: Doc, path: string[] = []): Array<[string[], Scalar]> {
  return Object.entries(value).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? leaves(v, [...path, k]) : [[[...path, k], v] as [string[], Scalar]]);
}

/** `{ a: { b: [matcher] } }` for path `a.b`. */
function patternAt(path: string[], matcher: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((inner, k) => ({ [k]: inner }), [matcher]) as Record<string, unknown>;
}

const docWithLeaf = doc
  .map((d) => ({ d, all: leaves(d) }))
  .filter(({ all }) => all.length > 0)
  .chain(({ d, all }) => fc.nat({ max: all.length - 1 }).map((i) => ({ d, leaf: all[i]! })));

describe('compileFilter — properties', () => {
  it('a pattern built from the record\'s own values always matches it', () => {
    fc.assert(fc.property(
      doc.map((d) => ({ d, all: leaves(d) })).filter(({ all }) => all.length > 0)
        .chain(({ d, all }) => fc.subarray(all, { minLength: 1 }).map((picked) => ({ d, picked }))),
      ({ d, picked }) => {
        const pattern = picked.reduce<Record<string, unknown>>((acc, [path, value]) => merge(acc, patternAt(path, value)), {});
        expect(compileFilter([pattern])(d)).toBe(true);
      },
    ));
  });

  it('anything-but of the record\'s own string or number value never matches it', () => {
    fc.assert(fc.property(
      docWithLeaf.filter(({ leaf }) => typeof leaf[1] === 'string' || typeof leaf[1] === 'number'),
      ({ d, leaf: [path, value] }) => {
        expect(compileFilter([patternAt(path, { 'anything-but': [value] })])(d)).toBe(false);
      },
    ));
  });

  it('prefix and suffix of a string value, and numeric "=" of a number, match it', () => {
    fc.assert(fc.property(docWithLeaf, fc.nat(), ({ d, leaf: [path, value] }, cut) => {
      if (typeof value === 'string') {
        const at = value.length === 0 ? 0 : cut % (value.length + 1);
        expect(compileFilter([patternAt(path, { prefix: value.slice(0, at) })])(d)).toBe(true);
        expect(compileFilter([patternAt(path, { suffix: value.slice(at) })])(d)).toBe(true);
      } else if (typeof value === 'number') {
        expect(compileFilter([patternAt(path, { numeric: ['=', value] })])(d)).toBe(true);
        expect(compileFilter([patternAt(path, { numeric: ['>', value] })])(d)).toBe(false);
      }
    }));
  });

  it('exists: true matches every leaf of the record and exists: false none', () => {
    fc.assert(fc.property(docWithLeaf, ({ d, leaf: [path] }) => {
      expect(compileFilter([patternAt(path, { exists: true })])(d)).toBe(true);
      expect(compileFilter([patternAt(path, { exists: false })])(d)).toBe(false);
    }));
  });

  it('a list of patterns matches exactly when one of them does (OR)', () => {
    fc.assert(fc.property(docWithLeaf, fc.string({ maxLength: 4 }), ({ d, leaf: [path, value] }, other) => {
      const hit = patternAt(path, value);
      const miss = patternAt(['zz_absent'], other);
      const keep = compileFilter([miss, hit]);
      expect(keep(d)).toBe(true);
      expect(compileFilter([miss])(d)).toBe(false);
    }));
  });
});

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const existing = out[k];
    out[k] = existing !== undefined && !Array.isArray(existing) && typeof existing === 'object' && !Array.isArray(v)
      ? merge(existing as Record<string, unknown>, v as Record<string, unknown>)
      : v;
  }
  return out;
}

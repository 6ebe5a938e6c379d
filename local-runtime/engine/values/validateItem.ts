import { validationError } from '../errors';
import { normalizeNumber } from './numbers';
import { defineAttribute } from './attributeAccess';
import { SHORT_NAME_UNITS, assertAttributeNameSize } from './attributeNames';
import type { TypeDescriptor, WireAttributeValue, WireItem } from './AttributeValue';

const INVALID = 'One or more parameter values were invalid: ';
const SET_NAMES: Record<string, string> = { SS: 'string', NS: 'number', BS: 'binary' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(value: unknown, type: string): string {
  if (typeof value !== 'string') throw validationError(`${INVALID}Invalid value for ${type}: expected a string`);
  return value;
}

function normalizeBinary(value: unknown): string {
  const text = requireString(value, 'B');
  return Buffer.from(text, 'base64').toString('base64');
}

function normalizeSet(type: 'SS' | 'NS' | 'BS', value: unknown): string[] {
  if (!Array.isArray(value)) throw validationError(`${INVALID}Invalid value for ${type}: expected a list`);
  if (value.length === 0) throw validationError(`${INVALID}An ${SET_NAMES[type]} set  may not be empty`);
  const element = { SS: (v: unknown) => requireString(v, 'SS'), NS: (v: unknown) => normalizeNumber(requireString(v, 'NS')), BS: normalizeBinary }[type];
  const out = value.map(element);
  if (new Set(out).size !== out.length) throw validationError(`${INVALID}Input collection [${value.join(', ')}] contains duplicates.`);
  return out;
}

/** Documents may nest up to 32 levels (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-attributes). */
const MAX_DEPTH = 32;

/** Per type: validate the payload and return the normalised value; `depth` counts enclosing maps and lists. */
const NORMALIZERS: Record<TypeDescriptor, (v: unknown, depth: number) => WireAttributeValue> = {
  S: (v) => ({ S: requireString(v, 'S') }),
  N: (v) => ({ N: normalizeNumber(requireString(v, 'N')) }),
  B: (v) => ({ B: normalizeBinary(v) }),
  BOOL: (v) => {
    if (typeof v !== 'boolean') throw validationError(`${INVALID}Invalid value for BOOL: expected a boolean`);
    return { BOOL: v };
  },
  NULL: (v) => {
    if (v !== true) throw validationError(`${INVALID}Null attribute value types must have the value of true`);
    return { NULL: true };
  },
  M: (v, depth) => ({ M: validateItem(v, depth + 1) }),
  L: (v, depth) => {
    if (!Array.isArray(v)) throw validationError(`${INVALID}Invalid value for L: expected a list`);
    return { L: v.map((e) => validateAttributeValue(e, depth + 1)) };
  },
  SS: (v) => ({ SS: normalizeSet('SS', v) }),
  NS: (v) => ({ NS: normalizeSet('NS', v) }),
  BS: (v) => ({ BS: normalizeSet('BS', v) }),
};

/**
 * Validate one attribute value in DynamoDB JSON and return it normalised (numbers canonical).
 * Throws ValidationException with AWS's messages.
 */
export function validateAttributeValue(value: unknown, depth = 0): WireAttributeValue {
  if (!isRecord(value)) throw validationError('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  // The one member that is set, found without allocating key arrays (this runs for every value of every request).
  let type: TypeDescriptor | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || value[key] === undefined || value[key] === null) continue;
    if (type !== undefined) throw validationError('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
    type = key as TypeDescriptor;
  }
  if (type === undefined) throw validationError('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  const normalize = Object.hasOwn(NORMALIZERS, type) ? NORMALIZERS[type] : undefined;
  if (!normalize) throw validationError('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  if ((type === 'M' || type === 'L') && depth >= MAX_DEPTH) throw validationError(`${INVALID}Nesting Levels have exceeded supported limits`);
  return normalize(value[type], depth);
}

/** Validate a map of attribute values (an item, a key, a map's content). */
export function validateItem(value: unknown, depth = 0): WireItem {
  if (!isRecord(value)) throw validationError(`${INVALID}Expected a map of attribute values`);
  const out: WireItem = {};
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    if (name.length > SHORT_NAME_UNITS) assertAttributeNameSize(name);
    const attribute = validateAttributeValue(value[name], depth);
    // Assigned here rather than through setAttribute (see defineAttribute): this loop builds every request's items.
    if (name === '__proto__') defineAttribute(out, name, attribute);
    else out[name] = attribute;
  }
  return out;
}

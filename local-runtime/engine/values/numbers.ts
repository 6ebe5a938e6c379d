import Decimal from 'decimal.js';
import { validationError } from '../errors';

/** DynamoDB numbers: up to 38 significant digits, magnitude 1E-130 … 9.9999999999999999999999999999999999999E+125. */
const Dec = Decimal.clone({ precision: 60, toExpNeg: -200, toExpPos: 200, minE: -9e15, maxE: 9e15 });
const MAX = new Dec('9.9999999999999999999999999999999999999e125');
const MIN = new Dec('1e-130');
const NUMBER_SYNTAX = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Whether `value` is a canonical integer that JS numbers represent exactly (fast paths skip decimal.js for it):
 * `0`, or a non-zero integer of at most 15 digits without leading zeros, i.e. /^-?[1-9]\d{0,14}$/ (tested against
 * it; a loop, as this runs for every number on every write).
 */
export function isSmallInteger(value: string): boolean {
  const start = value.charCodeAt(0) === 45 ? 1 : 0;
  const digits = value.length - start;
  if (digits < 1 || digits > 15) return false;
  const first = value.charCodeAt(start);
  if (first === 48) return value === '0';
  if (!isDigit(first)) return false;
  for (let i = start + 1; i < value.length; i += 1) if (!isDigit(value.charCodeAt(i))) return false;
  return true;
}

/**
 * A plain decimal without exponent (every stored number is one), whose significant digits can be counted
 * textually: /^-?\d+(\.\d+)?$/ (tested against it).
 */
export function isPlainDecimal(value: string): boolean {
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  const whole = i;
  while (i < value.length && isDigit(value.charCodeAt(i))) i += 1;
  if (i === whole) return false;
  if (i === value.length) return true;
  if (value.charCodeAt(i) !== 46) return false;
  const fraction = (i += 1);
  while (i < value.length && isDigit(value.charCodeAt(i))) i += 1;
  return i > fraction && i === value.length;
}

/** Exact decimal for a stored (already normalised) number string. */
export function toDecimal(value: string): Decimal {
  return new Dec(value);
}

/**
 * Validate a number as DynamoDB does and return its canonical text: leading/trailing zeros trimmed,
 * no exponent (DynamoDB returns `"1.50"` as `"1.5"` and `"1e2"` as `"100"`).
 * Throws ValidationException with AWS's messages for bad syntax, precision, overflow and underflow.
 */
export function normalizeNumber(text: string): string {
  if (isSmallInteger(text)) return text;
  if (!NUMBER_SYNTAX.test(text)) throw validationError('A value provided cannot be converted into a number');
  const value = new Dec(text.trim());
  if (value.isZero()) return '0';
  if (value.precision(false) > 38) throw validationError('Attempting to store more than 38 significant digits in a Number');
  if (value.abs().gt(MAX)) throw validationError('Number overflow. Attempting to store a number with magnitude larger than supported range');
  if (value.abs().lt(MIN)) throw validationError('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  return value.toFixed();
}

/** Result of arithmetic in update expressions, normalised and range-checked like a stored number. */
export function addNumbers(a: string, b: string, subtract = false): string {
  // Both below 10^15 in magnitude: the exact result is below 2^53, so JS arithmetic is exact (and canonical).
  if (isSmallInteger(a) && isSmallInteger(b)) return String(subtract ? Number(a) - Number(b) : Number(a) + Number(b));
  const x = new Dec(a);
  const y = new Dec(b);
  return normalizeNumber((subtract ? x.minus(y) : x.plus(y)).toFixed());
}

/** Significant digits of a normalised number (for item size). */
export function significantDigits(value: string): number {
  if (isPlainDecimal(value)) {
    let first = value.charCodeAt(0) === 45 ? 1 : 0;
    let last = value.length - 1;
    while (first <= last && (value[first] === '0' || value[first] === '.')) first += 1;
    while (last >= first && (value[last] === '0' || value[last] === '.')) last -= 1;
    if (first > last) return 1;
    const dot = value.indexOf('.', first);
    return last - first + 1 - (dot !== -1 && dot < last ? 1 : 0);
  }
  const d = new Dec(value);
  return d.isZero() ? 1 : d.precision(false);
}

import Decimal from 'decimal.js';
import { validationError } from '../errors';

/** DynamoDB numbers: up to 38 significant digits, magnitude 1E-130 … 9.9999999999999999999999999999999999999E+125. */
const Dec = Decimal.clone({ precision: 60, toExpNeg: -200, toExpPos: 200, minE: -9e15, maxE: 9e15 });
const MAX = new Dec('9.9999999999999999999999999999999999999e125');
const MIN = new Dec('1e-130');
const NUMBER_SYNTAX = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

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
  const x = new Dec(a);
  const y = new Dec(b);
  return normalizeNumber((subtract ? x.minus(y) : x.plus(y)).toFixed());
}

/** Significant digits of a normalised number (for item size). */
export function significantDigits(value: string): number {
  const d = new Dec(value);
  return d.isZero() ? 1 : d.precision(false);
}

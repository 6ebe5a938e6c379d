import { validationError } from '../errors';
import { validateAttributeValue } from '../values/validateItem';
import type { WireAttributeValue } from '../values/AttributeValue';
import type { TokenStream } from './TokenStream';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The ExpressionAttributeNames/Values of one request: validated once, resolved while parsing each
 * expression, then checked for unused entries as DynamoDB does
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html).
 */
export class ExpressionAttributes {
  readonly #names: Record<string, string>;
  readonly #values: Record<string, WireAttributeValue>;
  readonly #usedNames = new Set<string>();
  readonly #usedValues = new Set<string>();
  /** Placeholders resolved while {@link ExpressionAttributes.tracing} runs a parse, in order. */
  #trace: { names: string[]; values: string[] } | undefined;

  constructor(names: unknown, values: unknown) {
    this.#names = this.#validateNames(names);
    this.#values = this.#validateValues(values);
  }

  /** How many names and values the request supplied. */
  #nameCount = 0;
  #valueCount = 0;

  #validateNames(names: unknown): Record<string, string> {
    if (names === undefined || names === null) return {};
    if (!isRecord(names)) throw validationError('ExpressionAttributeNames must be a map');
    for (const key in names) {
      if (!Object.hasOwn(names, key)) continue;
      const value = names[key];
      if (!/^#[A-Za-z0-9_]+$/.test(key)) throw validationError(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`);
      if (typeof value !== 'string' || value === '') throw validationError(`ExpressionAttributeNames contains invalid value: Empty attribute name for key ${key}`);
      this.#nameCount += 1;
    }
    if (this.#nameCount === 0) throw validationError('ExpressionAttributeNames must not be empty');
    return names as Record<string, string>;
  }

  #validateValues(values: unknown): Record<string, WireAttributeValue> {
    if (values === undefined || values === null) return {};
    if (!isRecord(values)) throw validationError('ExpressionAttributeValues must be a map');
    const out: Record<string, WireAttributeValue> = {};
    for (const key in values) {
      if (!Object.hasOwn(values, key)) continue;
      if (!/^:[A-Za-z0-9_]+$/.test(key)) throw validationError(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
      try {
        out[key] = validateAttributeValue(values[key]);
      } catch (error) {
        const message = error instanceof Error ? error.message.replace(/^One or more parameter values were invalid: /, '') : String(error);
        throw validationError(`ExpressionAttributeValues contains invalid value: ${message} for key ${key}`);
      }
      this.#valueCount += 1;
    }
    if (this.#valueCount === 0) throw validationError('ExpressionAttributeValues must not be empty');
    return out;
  }

  /** Whether any names or values were supplied (they are only allowed together with expressions). */
  get supplied(): { names: boolean; values: boolean } {
    return { names: this.#nameCount > 0, values: this.#valueCount > 0 };
  }

  /** Resolve `#name`, marking it used. */
  name(placeholder: string, stream: TokenStream): string {
    const name = this.#names[placeholder];
    if (name === undefined) throw stream.error(`An expression attribute name used in the document path is not defined; attribute name: ${placeholder}`);
    this.#usedNames.add(placeholder);
    this.#trace?.names.push(placeholder);
    return name;
  }

  /** Resolve `:value`, marking it used. */
  value(placeholder: string, stream: TokenStream): WireAttributeValue {
    const value = this.#values[placeholder];
    if (value === undefined) throw stream.error(`An expression attribute value used in expression is not defined; attribute value: ${placeholder}`);
    this.#usedValues.add(placeholder);
    this.#trace?.values.push(placeholder);
    return value;
  }

  /** Run a parse, noting which placeholders it resolved (distinct, in order). */
  tracing<T>(parse: () => T): { result: T; names: string[]; values: string[] } {
    const trace = { names: [] as string[], values: [] as string[] };
    this.#trace = trace;
    try {
      const result = parse();
      return { result, names: [...new Set(trace.names)], values: [...new Set(trace.values)] };
    } finally {
      this.#trace = undefined;
    }
  }

  /**
   * The attribute names `#placeholders` stand for, as one string ('' for none; each name prefixed with its length,
   * so no two lists of names give the same string), or undefined when one is not defined. Marks nothing.
   */
  resolvedNames(placeholders: readonly string[]): string | undefined {
    let out = '';
    for (const placeholder of placeholders) {
      const name = Object.hasOwn(this.#names, placeholder) ? this.#names[placeholder] : undefined;
      if (name === undefined) return undefined;
      out += `${name.length}:${name}`;
    }
    return out;
  }

  /** Whether every one of `placeholders` has a value. */
  definesValues(placeholders: readonly string[]): boolean {
    for (const placeholder of placeholders) if (!Object.hasOwn(this.#values, placeholder)) return false;
    return true;
  }

  /** Mark placeholders used that a reused parse resolved (see parsedExpressions). */
  markUsed(names: readonly string[], values: readonly string[]): void {
    for (const name of names) this.#usedNames.add(name);
    for (const value of values) this.#usedValues.add(value);
  }

  /** The value of a `:placeholder` known to be defined (see {@link ExpressionAttributes.definesValues}). */
  readonly resolveValue = (placeholder: string): WireAttributeValue => this.#values[placeholder] as WireAttributeValue;

  /** After all expressions of the request are parsed: reject entries no expression used. */
  assertAllUsed(): void {
    // Used placeholders are a subset of the supplied ones: equal counts mean nothing is unused.
    if (this.#usedNames.size === this.#nameCount && this.#usedValues.size === this.#valueCount) return;
    const unusedNames = Object.keys(this.#names).filter((k) => !this.#usedNames.has(k));
    if (unusedNames.length > 0) throw validationError(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
    const unusedValues = Object.keys(this.#values).filter((k) => !this.#usedValues.has(k));
    if (unusedValues.length > 0) throw validationError(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  }
}

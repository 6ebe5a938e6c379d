/**
 * Reading and writing one member of an item or map by a name that came from a request. DynamoDB accepts any
 * attribute name (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html),
 * including `__proto__`, `constructor` or `toString`, and table and index names such as `__proto__` or `toString`.
 * Items stay plain objects (in-process callers receive them), so a plain `map[name]` would read inherited members
 * and `map[name] = v` would set the prototype for `__proto__`. The same holds for results keyed by table or index name.
 */

/** The member `name` of an item, map or name-keyed result: own properties only (`toString` of `{}` is no attribute). */
export function getAttribute<T>(map: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(map, name) ? map[name] : undefined;
}

/** Set member `name` as an own data property, `__proto__` included (assigning that would set the prototype). */
export function setAttribute<T>(map: Record<string, T>, name: string, value: NoInfer<T>): void {
  if (name === '__proto__') defineAttribute(map, name, value);
  else map[name] = value;
}

/**
 * Define member `name` as an own, enumerable data property, as assignment does for any name but `__proto__`.
 * Hot loops that build items assign at their own site and call this only for `__proto__`, so that their store
 * stays specialised to the objects they build instead of sharing {@link setAttribute}'s.
 */
export function defineAttribute<T>(map: Record<string, T>, name: string, value: NoInfer<T>): void {
  Object.defineProperty(map, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `value`, which the caller has just read as `map[name]`, when it is an own member of `map`, else undefined. The
 * hot paths (keys, document paths, projections) read at their own site rather than through {@link getAttribute}:
 * one shared `map[name]` sees every name and shape and turns megamorphic, which cost UpdateItem about 5%.
 * Every member of Object.prototype is a function except the `__proto__` accessor, and attribute values are objects,
 * so only those two cases need the own-property lookup. (An Object.prototype extended with an object-valued member
 * would fool this; such a change breaks plain-object code everywhere, and cold paths use getAttribute anyway.)
 */
export function ownValue<T extends object>(map: object, name: string, value: T | undefined): T | undefined {
  if (typeof value === 'object' && name !== '__proto__') return value;
  return value !== undefined && Object.hasOwn(map, name) ? value : undefined;
}

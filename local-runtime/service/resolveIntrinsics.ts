import { ServiceError } from './ServiceError';
import type { CfnValue } from './ServiceModel';

/** What intrinsics resolve against: local values of resources and pseudo parameters. */
export interface IntrinsicContext {
  /** Value of `Ref` for a resource (or parameter); undefined if unknown. */
  ref(logicalId: string): string | undefined;
  /** Value of `Fn::GetAtt`; undefined if the resource or attribute is unknown. */
  getAtt(logicalId: string, attribute: string): string | undefined;
  /** Pseudo parameters by name, e.g. `{ 'AWS::Region': 'us-east-1' }`. */
  pseudo: Record<string, string>;
}

type Resolver = (args: CfnValue, ctx: IntrinsicContext, where: string) => unknown;

/**
 * Resolves the CloudFormation intrinsics the local runtime needs, recursively:
 * `Ref`, `Fn::GetAtt` (`[id, attr]` or `"id.attr"`), `Fn::Sub` (string or `[string, vars]`),
 * `Fn::Join`, `Fn::Select`, `Fn::Split`. Anything unknown throws a ServiceError naming the
 * reference and `where` (e.g. `functions.onOrderPlaced.events[0].stream.arn`).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 *
 * @example
 * resolveIntrinsics({ 'Fn::Sub': '${OrdersTable.Arn}/index/*' }, ctx, 'provider.iam')
 */
export function resolveIntrinsics(value: CfnValue, ctx: IntrinsicContext, where: string): unknown {
  if (Array.isArray(value)) return value.map((item, index) => resolveIntrinsics(item, ctx, `${where}[${index}]`));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first && isIntrinsicName(first[0])) {
    const resolver = RESOLVERS[first[0]];
    if (!resolver) {
      throw new ServiceError('service.unsupported_intrinsic', where, `${first[0]} at ${where} is not supported locally (supported: ${Object.keys(RESOLVERS).join(', ')})`);
    }
    return resolver(first[1], ctx, where);
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, resolveIntrinsics(item, ctx, `${where}.${key}`)]));
}

/** Like {@link resolveIntrinsics}, but the result must be a string (names, ARNs, env vars). */
export function resolveString(value: CfnValue, ctx: IntrinsicContext, where: string): string {
  const resolved = resolveIntrinsics(value, ctx, where);
  if (typeof resolved === 'string') return resolved;
  if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
  throw invalid(where, `expected a string, got ${JSON.stringify(resolved)}`);
}

function isIntrinsicName(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

/** Resolvers get the path of the value holding the intrinsic; nested arguments add `.Fn::X[i]`. */
const RESOLVERS: Record<string, Resolver> = {
  Ref: (args, ctx, where) => ref(resolveString(args, ctx, `${where}.Ref`), ctx, where),
  'Fn::GetAtt': (args, ctx, where) => {
    const target = resolveIntrinsics(args, ctx, `${where}.Fn::GetAtt`);
    const [id, attribute] = typeof target === 'string' ? splitDotted(target, where) : strings(target, 2, where);
    return getAtt(id as string, attribute as string, ctx, where);
  },
  'Fn::Sub': (args, ctx, where) => {
    const [template, vars] = typeof args === 'string' ? [args, {}] : subArgs(args, ctx, where);
    return substitute(template, vars, ctx, where);
  },
  'Fn::Join': (args, ctx, where) => {
    const [delimiter, list] = pair(args, where);
    return strings(resolveIntrinsics(list, ctx, `${where}.Fn::Join[1]`), undefined, where).join(delimiter);
  },
  'Fn::Select': (args, ctx, where) => {
    const [index, list] = resolved(args, ctx, `${where}.Fn::Select`);
    const items = strings(list, undefined, where);
    const item = items[Number(index)];
    if (item === undefined) throw invalid(where, `Fn::Select index ${String(index)} is out of range of ${JSON.stringify(items)}`);
    return item;
  },
  'Fn::Split': (args, ctx, where) => {
    const [delimiter, source] = pair(args, where);
    return resolveString(source, ctx, `${where}.Fn::Split[1]`).split(delimiter);
  },
};

function ref(id: string, ctx: IntrinsicContext, where: string): string {
  const value = ctx.pseudo[id] ?? ctx.ref(id);
  if (value === undefined) throw unknown(where, `Ref "${id}"`);
  return value;
}

function getAtt(id: string, attribute: string, ctx: IntrinsicContext, where: string): string {
  const value = ctx.getAtt(id, attribute);
  if (value === undefined) throw unknown(where, `Fn::GetAtt "${id}.${attribute}"`);
  return value;
}

/** `${Name}`, `${Resource.Attr}`, `${AWS::Region}`; `${!Literal}` stays as `${Literal}`. */
function substitute(template: string, vars: Record<string, string>, ctx: IntrinsicContext, where: string): string {
  return template.replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const trimmed = name.trim();
    if (trimmed in vars) return vars[trimmed] as string;
    if (trimmed in ctx.pseudo) return ctx.pseudo[trimmed] as string;
    if (trimmed.includes('.')) return getAtt(...splitDotted(trimmed, where), ctx, where);
    return ref(trimmed, ctx, where);
  });
}

function subArgs(args: CfnValue, ctx: IntrinsicContext, where: string): [string, Record<string, string>] {
  const [template, vars] = pair(args, where);
  if (vars === null || typeof vars !== 'object' || Array.isArray(vars)) throw invalid(where, 'the second element must be a map of variables');
  const values = Object.entries(vars).map(([name, value]) => [name, resolveString(value, ctx, `${where}.Fn::Sub[1].${name}`)]);
  return [template, Object.fromEntries(values) as Record<string, string>];
}

function splitDotted(value: string, where: string): [string, string] {
  const dot = value.indexOf('.');
  if (dot <= 0 || dot === value.length - 1) throw invalid(where, `"${value}" is not "LogicalId.Attribute"`);
  return [value.slice(0, dot), value.slice(dot + 1)];
}

function pair(args: unknown, where: string): [string, CfnValue] {
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') {
    throw invalid(where, `expected [string, value], got ${JSON.stringify(args)}`);
  }
  return [args[0], args[1] as CfnValue];
}

/** Two-element argument list, each element resolved. */
function resolved(args: unknown, ctx: IntrinsicContext, where: string): [unknown, unknown] {
  if (!Array.isArray(args) || args.length !== 2) throw invalid(where, `expected [index, list], got ${JSON.stringify(args)}`);
  return [resolveIntrinsics(args[0] as CfnValue, ctx, `${where}[0]`), resolveIntrinsics(args[1] as CfnValue, ctx, `${where}[1]`)];
}

/** A list of strings (of `length` if given). */
function strings(value: unknown, length: number | undefined, where: string): string[] {
  const ok = Array.isArray(value) && value.every((item) => typeof item === 'string') && (length === undefined || value.length === length);
  if (!ok) throw invalid(where, `expected a list of ${length ?? ''}${length ? ' ' : ''}strings, got ${JSON.stringify(value)}`);
  return value as string[];
}

function unknown(where: string, what: string): ServiceError {
  return new ServiceError('service.unknown_reference', where, `${what} at ${where} refers to nothing known locally (not a resource in resources, nor a pseudo parameter)`);
}

function invalid(where: string, problem: string): ServiceError {
  return new ServiceError('service.invalid_intrinsic', where, `invalid intrinsic at ${where}: ${problem}`);
}

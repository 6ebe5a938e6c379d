/** An IAM policy statement as a Lambda authorizer returns it. */
interface Statement {
  Effect?: unknown;
  Action?: unknown;
  Resource?: unknown;
}

/**
 * Evaluates a Lambda authorizer's policy document against one method ARN, as API Gateway does
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html):
 * an explicit `Deny` wins, else one `Allow` must match; `Action` must cover `execute-api:Invoke`
 * and `Resource` may use `*` and `?` wildcards. Returns undefined when the document is invalid.
 */
export function evaluatePolicy(policyDocument: unknown, methodArn: string): 'allow' | 'deny' | undefined {
  if (typeof policyDocument !== 'object' || policyDocument === null) return undefined;
  const raw = (policyDocument as { Statement?: unknown }).Statement;
  if (raw === undefined) return undefined;
  const statements = (Array.isArray(raw) ? raw : [raw]) as Statement[];
  let allowed = false;
  for (const statement of statements) {
    if (typeof statement !== 'object' || statement === null) return undefined;
    const effect = String(statement.Effect ?? '');
    if (effect !== 'Allow' && effect !== 'Deny') return undefined;
    const actions = [statement.Action ?? []].flat().map(String);
    const resources = [statement.Resource ?? []].flat().map(String);
    if (!actions.some((a) => globMatches(a, 'execute-api:Invoke'))) continue;
    if (!resources.some((r) => globMatches(r, methodArn))) continue;
    if (effect === 'Deny') return 'deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'deny';
}

/** IAM wildcard match: `*` any run of characters, `?` one character; case-sensitive. */
export function globMatches(pattern: string, value: string): boolean {
  const source = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

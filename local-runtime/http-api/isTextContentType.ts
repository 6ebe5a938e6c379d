const TEXT_TYPES = new Set([
  'application/json',
  'application/javascript',
  'application/xml',
  'application/x-www-form-urlencoded',
  'application/graphql',
  'application/x-yaml',
  'application/yaml',
]);

/**
 * True when a body of this content type is passed to Lambda as text; other bodies are
 * base64-encoded with `isBase64Encoded: true`. A missing content type counts as text.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return true;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return type.startsWith('text/') || TEXT_TYPES.has(type) || type.endsWith('+json') || type.endsWith('+xml');
}

/**
 * The `__type` namespace DynamoDB uses per error: modelled errors live in the DynamoDB namespace, while
 * request-validation and protocol errors come from Coral, AWS's service framework.
 */
const CORAL: Record<string, string> = {
  ValidationException: 'com.amazon.coral.validate#ValidationException',
  SerializationException: 'com.amazon.coral.service#SerializationException',
  UnknownOperationException: 'com.amazon.coral.service#UnknownOperationException',
  MissingAuthenticationTokenException: 'com.amazon.coral.service#MissingAuthenticationTokenException',
  IncompleteSignatureException: 'com.amazon.coral.service#IncompleteSignatureException',
  InvalidSignatureException: 'com.amazon.coral.service#InvalidSignatureException',
  UnrecognizedClientException: 'com.amazon.coral.service#UnrecognizedClientException',
};

/** Wire `__type` for an error type short name. */
export function wireErrorType(type: string): string {
  return CORAL[type] ?? `com.amazonaws.dynamodb.v20120810#${type}`;
}

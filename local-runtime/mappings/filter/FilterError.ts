/**
 * An invalid filter pattern. Lambda rejects it with `InvalidParameterValueException`
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
 */
export class FilterError extends Error {
  override readonly name: string = 'FilterError';
  readonly code = 'mappings.filter.invalid';
  /** AWS's wire error type. */
  readonly type = 'InvalidParameterValueException';
  /** Index of the offending pattern (0-based), when known. */
  readonly patternIndex: number | undefined;
  /** Dotted path inside the pattern, when known. */
  readonly path: string | undefined;
  /**
   * The message AWS itself returns for a pattern it cannot parse (seen in CloudFormation errors,
   * e.g. https://github.com/aws/aws-cdk/issues/23057); `message` adds where and why.
   */
  readonly awsMessage = 'Invalid filter pattern definition.';

  constructor(reason: string, where: { patternIndex?: number; path?: string } = {}) {
    const location = [
      where.patternIndex === undefined ? undefined : `pattern ${where.patternIndex + 1}`,
      where.path === undefined || where.path === '' ? undefined : `at "${where.path}"`,
    ].filter((part) => part !== undefined).join(' ');
    super(`Invalid filter pattern definition${location === '' ? '' : ` (${location})`}: ${reason}`);
    this.patternIndex = where.patternIndex;
    this.path = where.path;
  }
}

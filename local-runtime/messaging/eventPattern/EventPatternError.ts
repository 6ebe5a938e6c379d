/**
 * An invalid EventBridge event pattern, as AWS reports it: `InvalidEventPatternException`,
 * message `Event pattern is not valid. Reason: …`.
 */
export class EventPatternError extends Error {
  override readonly name = 'EventPatternError';
  /** AWS's error type. */
  readonly type = 'InvalidEventPatternException';
  readonly code = 'messaging.eventPattern.invalid';

  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
  }
}

import { format } from 'node:util';

/** Lambda's log levels, lowest first (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html). */
const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
type Level = (typeof LEVELS)[number];
const METHODS: Array<[keyof Console, Level]> = [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']];

/**
 * One application log line as Lambda's Node.js runtime writes it
 * (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html): Text is
 * `<ISO time>\t<requestId>\t<LEVEL>\t<message>`; JSON is `{"timestamp","level","requestId","message"}`
 * (an Error also gives `errorType`, `errorMessage`, `stackTrace`).
 */
export function formatLogLine(options: { format: 'Text' | 'JSON'; level: Level; requestId: string | undefined; timestamp: string; args: unknown[] }): string {
  const message = format(...options.args);
  if (options.format === 'Text') return `${options.timestamp}\t${options.requestId ?? 'undefined'}\t${options.level}\t${message}`;
  const error = options.args.find((arg): arg is Error => arg instanceof Error);
  return JSON.stringify({
    timestamp: options.timestamp,
    level: options.level,
    ...(options.requestId !== undefined && { requestId: options.requestId }),
    message,
    ...(error !== undefined && { errorType: error.name, errorMessage: error.message, stackTrace: (error.stack ?? '').split('\n') }),
  });
}

/**
 * Replaces `console`'s methods in a worker environment with Lambda's log format: the format is
 * `AWS_LAMBDA_LOG_FORMAT` (`Text` default, or `JSON`), and with JSON, lines below
 * `AWS_LAMBDA_LOG_LEVEL` are dropped (as Lambda filters only JSON logs). Returns the setter of the
 * current request id.
 */
export function installLambdaConsole(write: (line: string, level: Level) => void): (requestId: string | undefined) => void {
  let requestId: string | undefined;
  const logFormat = process.env['AWS_LAMBDA_LOG_FORMAT'] === 'JSON' ? 'JSON' : 'Text';
  const minimum = LEVELS.indexOf((process.env['AWS_LAMBDA_LOG_LEVEL'] ?? '').toUpperCase() as Level);
  for (const [method, level] of METHODS) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      if (logFormat === 'JSON' && minimum !== -1 && LEVELS.indexOf(level) < minimum) return;
      write(formatLogLine({ format: logFormat, level, requestId, timestamp: new Date().toISOString(), args }), level);
    };
  }
  return (id) => {
    requestId = id;
  };
}

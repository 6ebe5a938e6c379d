/** A log level, as Lambda's advanced logging controls name them, plus `SILENT` (tests). */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'SILENT';

/** Structured fields logged beside the message; `Error` values are serialised by Lambda (errorType, errorMessage, stackTrace). */
export type LogFields = Record<string, unknown>;

type Write = (entry: LogFields) => void;

const PRIORITY: Record<LogLevel, number> = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6, SILENT: 7 };
// Looked up per call: on Lambda the runtime swaps console.* at start-up (and no-ops levels below AWS_LAMBDA_LOG_LEVEL).
const WRITERS: Record<'debug' | 'info' | 'warn' | 'error', Write> = {
  debug: (entry) => console.debug(entry),
  info: (entry) => console.info(entry),
  warn: (entry) => console.warn(entry),
  error: (entry) => console.error(entry),
};

let override: LogLevel | undefined;

const enabled = (level: LogLevel): boolean => {
  const configured = override ?? (process.env['AWS_LAMBDA_LOG_LEVEL']?.toUpperCase() as LogLevel | undefined);
  return PRIORITY[level] >= (PRIORITY[configured ?? 'TRACE'] ?? PRIORITY.TRACE);
};

const method =
  (name: keyof typeof WRITERS, level: LogLevel) =>
  (message: string, fields: LogFields = {}): void => {
    if (enabled(level)) WRITERS[name]({ ...fields, message });
  };

/**
 * The one structured logger shared by handlers and the framework: a thin layer over `console.*`
 * for Lambda's JSON log format (`provider.logs.lambda.logFormat: JSON` in serverless.yml).
 *
 * Each call passes ONE object (`{ ...fields, message }`) to console: with one argument, Lambda's
 * Node.js runtime puts it as-is (as JSON, not as text) under `message` of the line it writes, beside
 * `timestamp`, `level` and `requestId`; with more arguments it would `util.format` them into a string.
 * Levels below `AWS_LAMBDA_LOG_LEVEL` (the function's `applicationLogLevel`) are dropped here as well
 * as by Lambda, so local runs filter the same way.
 *
 * @example
 * logger.info('Hold expired', { orderId, sku });
 * // Lambda: {"timestamp":"…","level":"INFO","requestId":"…","message":{"message":"Hold expired","orderId":"o1","sku":"s1"}}
 */
export const logger = {
  debug: method('debug', 'DEBUG'),
  info: method('info', 'INFO'),
  warn: method('warn', 'WARN'),
  error: method('error', 'ERROR'),
  /** Overrides `AWS_LAMBDA_LOG_LEVEL` (e.g. `SILENT` in tests); `undefined` restores it. */
  setLogLevel(level: LogLevel | undefined): void {
    override = level;
  },
};

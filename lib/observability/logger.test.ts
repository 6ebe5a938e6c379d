import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from './logger';

const spies = () => ({
  debug: vi.spyOn(console, 'debug').mockImplementation(() => undefined),
  info: vi.spyOn(console, 'info').mockImplementation(() => undefined),
  warn: vi.spyOn(console, 'warn').mockImplementation(() => undefined),
  error: vi.spyOn(console, 'error').mockImplementation(() => undefined),
});

describe('logger', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env['AWS_LAMBDA_LOG_LEVEL'];
    delete process.env['AWS_LAMBDA_LOG_LEVEL'];
    logger.setLogLevel(undefined);
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['AWS_LAMBDA_LOG_LEVEL'];
    else process.env['AWS_LAMBDA_LOG_LEVEL'] = saved;
    vi.restoreAllMocks();
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html#node-js-logging-advanced
  // In JSON log format the runtime writes one JSON object per console call, with timestamp, level
  // and requestId; a single object argument is kept as JSON (several arguments become formatted text),
  // so each call passes exactly one object carrying the message and the fields.
  it('writes one object per call, through the console method of its level', () => {
    const console = spies();
    const error = new Error('boom');

    logger.info('Hold expired', { orderId: 'o1', sku: 's1' });
    logger.warn('Retrying');
    logger.error('Failed', { error });
    logger.debug('Details', { n: 1 });

    expect(console.info.mock.calls).toEqual([[{ message: 'Hold expired', orderId: 'o1', sku: 's1' }]]);
    expect(console.warn.mock.calls).toEqual([[{ message: 'Retrying' }]]);
    expect(console.error.mock.calls).toEqual([[{ message: 'Failed', error }]]);
    expect(console.debug.mock.calls).toEqual([[{ message: 'Details', n: 1 }]]);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html
  // The application log level reaches the function as AWS_LAMBDA_LOG_LEVEL; lower levels are not logged.
  it('drops calls below AWS_LAMBDA_LOG_LEVEL', () => {
    const console = spies();
    process.env['AWS_LAMBDA_LOG_LEVEL'] = 'warn';

    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');

    expect([console.debug, console.info, console.warn, console.error].map((spy) => spy.mock.calls.length)).toEqual([0, 0, 1, 1]);
  });

  it('logs everything when the level is unset or unknown, and nothing when set to SILENT', () => {
    const console = spies();
    process.env['AWS_LAMBDA_LOG_LEVEL'] = 'LOUD';
    logger.debug('d');
    logger.setLogLevel('SILENT');
    logger.error('e');

    expect(console.debug).toHaveBeenCalledTimes(1);
    expect(console.error).not.toHaveBeenCalled();
  });

  it('never lets a field replace the message', () => {
    const console = spies();
    logger.info('m', { message: 'other', k: 1 });
    expect(console.info.mock.calls).toEqual([[{ message: 'm', k: 1 }]]);
  });
});

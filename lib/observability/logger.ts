import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured (JSON) logger shared by handlers and the framework.
 * Service name and level come from the usual Powertools variables
 * (`POWERTOOLS_SERVICE_NAME`, `POWERTOOLS_LOG_LEVEL`); the service defaults to `tidepool`.
 */
export const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'tidepool' });

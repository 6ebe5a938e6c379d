import type { FunctionModel } from '../service/ServiceModel';

/** The credentials every local function gets: the local endpoints accept any, and nothing reaches AWS. */
export const LOCAL_LAMBDA_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'ASIATIDEPOOLLOCAL000',
  AWS_SECRET_ACCESS_KEY: 'tidepool-local-secret-access-key',
  AWS_SESSION_TOKEN: 'tidepool-local-session-token',
} as const;

/** The Lambda runtime identifier of the Node.js running Tidepool (`nodejs20.x`), when the service names none. */
export function defaultNodeRuntime(): string {
  return `nodejs${process.versions.node.split('.')[0]}.x`;
}

/**
 * The environment Lambda gives a Node.js function: the function's own variables (provider's and
 * function's `environment`, resolved) under the reserved runtime variables
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
 * which win, as Lambda rejects them in configuration. The credentials are dummies (see
 * {@link LOCAL_LAMBDA_CREDENTIALS}); `LAMBDA_TASK_ROOT` is the local directory holding the code (the
 * service directory) rather than `/var/task`.
 *
 * Usable outside an invocation too (a module load): `logStreamName` is then the one the first
 * invocation will use, and nothing per-invocation (`_X_AMZN_TRACE_ID`) is included unless `traceId` is given.
 */
export function lambdaEnvironment(options: {
  model: FunctionModel;
  environment: Record<string, string>;
  region: string;
  logStreamName: string;
  /** The function's Lambda runtime (`nodejs22.x`); default: this Node's. */
  runtime?: string | undefined;
  /** Where the function's code is (LAMBDA_TASK_ROOT); default: the current directory. */
  taskRoot?: string | undefined;
  /** X-Ray trace header of this invocation (`_X_AMZN_TRACE_ID`). */
  traceId?: string | undefined;
  /** `on-demand` (default), `provisioned-concurrency` or `snap-start`. */
  initializationType?: string | undefined;
}): Record<string, string> {
  const { model, region } = options;
  const runtime = options.runtime ?? defaultNodeRuntime();
  // serverless.yml `functions.<key>.logs` (LoggingConfig): Lambda sets both variables for JSON logs.
  const logs = (model.config?.['logs'] ?? {}) as { logFormat?: unknown; applicationLogLevel?: unknown };
  return {
    ...options.environment,
    ...LOCAL_LAMBDA_CREDENTIALS,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: model.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(model.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: options.initializationType ?? 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${model.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: options.logStreamName,
    AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
    LAMBDA_TASK_ROOT: options.taskRoot ?? process.cwd(),
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    TZ: ':UTC',
    _HANDLER: model.handler,
    ...(logs.logFormat === 'JSON' && { AWS_LAMBDA_LOG_FORMAT: 'JSON' }),
    ...(logs.logFormat === 'JSON' && typeof logs.applicationLogLevel === 'string' && { AWS_LAMBDA_LOG_LEVEL: logs.applicationLogLevel }),
    ...(options.traceId !== undefined && { _X_AMZN_TRACE_ID: options.traceId }),
  };
}

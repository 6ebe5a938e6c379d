import type { FunctionModel } from '../service/ServiceModel';

/**
 * The reserved variables Lambda sets for a Node.js function
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
 * over the function's own environment (reserved keys win, as Lambda rejects them in configuration).
 */
export function lambdaEnvironment(options: {
  model: FunctionModel;
  environment: Record<string, string>;
  region: string;
  logStreamName: string;
}): Record<string, string> {
  const { model, region } = options;
  return {
    ...options.environment,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_LAMBDA_FUNCTION_NAME: model.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(model.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${model.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: options.logStreamName,
    _HANDLER: model.handler,
  };
}

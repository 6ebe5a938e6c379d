import type { Clock } from '../clock/Clock';
import { RealClock } from '../clock/Clock';
import type { FunctionModel } from '../service/ServiceModel';
import type { BundledHandler } from './bundleHandler';
import type { EnvironmentStarter } from './ExecutionEnvironment';
import { hostProcess } from './hostProcess';
import { lambdaEnvironment } from './lambdaEnvironment';
import { WorkerEnvironment } from './WorkerEnvironment';

export interface WorkerStarterOptions {
  model: FunctionModel;
  /** The function's resolved environment (serverless.yml). */
  environment: Record<string, string>;
  servicePath: string;
  region: string;
  accountId: string;
  runtime: string | undefined;
  mode: 'import' | 'bundle';
  /** `bundle` mode: the current bundle (a reload replaces it). */
  bundle: () => BundledHandler | undefined;
  /** The runtime's endpoint URL (the environment's AWS requests go there). */
  awsEndpoint: string;
  clock: Clock;
}

/**
 * Starts worker environments of one function: the function's Lambda environment over the host's
 * variables (PATH, HOME, … stay; the reserved variables and credentials are Lambda's), heap limited
 * to `memorySize`, and on a virtual clock, handlers' `Date` on it.
 */
export function workerStarter(options: WorkerStarterOptions): EnvironmentStarter {
  const { model } = options;
  return (logStreamName) => {
    const bundle = options.bundle();
    const lambdaVars = lambdaEnvironment({ model, environment: options.environment, region: options.region, logStreamName, runtime: options.runtime, taskRoot: options.servicePath });
    const host: Record<string, string> = {};
    for (const [key, value] of Object.entries(hostProcess.env)) if (value !== undefined) host[key] = value;
    return WorkerEnvironment.start(
      {
        model, functionKey: model.key, servicePath: options.servicePath, handler: model.handler, mode: options.mode,
        ...(bundle !== undefined && { bundle: { file: bundle.file, format: bundle.format } }),
        runtime: options.runtime, region: options.region, accountId: options.accountId, logStreamName,
        awsEndpoint: options.awsEndpoint,
        ...(!(options.clock instanceof RealClock) && { virtualClockMs: options.clock.now() }),
      },
      { ...host, ...lambdaVars },
      model.memorySize,
    );
  };
}

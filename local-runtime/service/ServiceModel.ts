/**
 * The service as the Serverless Framework (osls) resolves it (`sls print --format json`),
 * narrowed to what the local runtime uses. Variables (`${…}`) are already resolved by osls;
 * CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Sub, Fn::Join) are still present and are
 * resolved by `resolveIntrinsics` against local values.
 */
export type CfnValue = unknown;

export interface CfnResource {
  Type: string;
  Properties?: Record<string, CfnValue>;
  DependsOn?: string | string[];
}

export interface HttpApiEventModel {
  /** Upper-case method or `*`. */
  method: string;
  /** Path like `/orders/{id}`, or `*` for the `$default` route. */
  path: string;
}

/** A `stream` event of a function as osls accepts it (https://www.serverless.com/framework/docs/providers/aws/events/streams). */
export interface StreamEventModel {
  /** Usually `{ "Fn::GetAtt": [Table, "StreamArn"] }`. */
  arn: CfnValue;
  type?: 'dynamodb' | 'kinesis';
  batchSize?: number;
  batchWindow?: number;
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  maximumRetryAttempts?: number;
  maximumRecordAgeInSeconds?: number;
  bisectBatchOnFunctionError?: boolean;
  functionResponseType?: 'ReportBatchItemFailures';
  parallelizationFactor?: number;
  tumblingWindowInSeconds?: number;
  /** Each entry is one filter pattern object (osls serialises it into FilterCriteria.Filters[].Pattern). */
  filterPatterns?: Record<string, unknown>[];
  destinations?: { onFailure?: CfnValue | { arn: CfnValue; type?: 'sqs' | 'sns' } };
  enabled?: boolean;
}

export type FunctionEventModel =
  | { httpApi: HttpApiEventModel | string }
  | { stream: StreamEventModel | string }
  | Record<string, unknown>;

export interface FunctionModel {
  /** Key under `functions:` in serverless.yml, e.g. `createOrder`. */
  key: string;
  /** Deployed name, `${service}-${stage}-${key}` unless `name:` overrides it. */
  name: string;
  /** `path/to/file.exportName`, relative to the service directory. */
  handler: string;
  /** Seconds (osls default 6). */
  timeout: number;
  /** MB (osls default 1024). */
  memorySize: number;
  /** provider.environment merged with the function's, intrinsics unresolved. */
  environment: Record<string, CfnValue>;
  events: FunctionEventModel[];
  /** The function's whole configuration as resolved (layers, vpc, destinations…), for warnings about what is not emulated. */
  config?: Record<string, unknown>;
}

export interface ServiceModel {
  /** Absolute path of the directory holding serverless.yml. */
  servicePath: string;
  service: string;
  stage: string;
  region: string;
  /** Local account id used in ARNs. */
  accountId: string;
  runtime: string;
  functions: Record<string, FunctionModel>;
  /** `resources.Resources` of the resolved service. */
  resources: Record<string, CfnResource>;
  /** `provider.httpApi` as resolved (cors, authorizers…). */
  httpApi: Record<string, unknown>;
  /** The `custom` section as resolved (the runtime reads `custom.tidepool`). */
  custom?: Record<string, unknown>;
  /** The framework copy that resolved the service (`loadService` sets it; the start banner shows it). */
  framework?: ResolvedBy;
  /**
   * What resolving the service tolerated instead of failing, one line each, printed at start:
   * schema errors osls reported under `configValidationMode: warn`, an ignored `frameworkVersion`,
   * plugins listed but not installed, a `serverless` the run could not use, values that fell back.
   */
  warnings?: string[];
  /** The service file it was read from (absolute path), for error messages. */
  file?: string;
  /** `plugins` as resolved: module names (a `{ modules }` object is flattened). */
  plugins?: string[];
  /** The whole `provider` section as resolved, for warnings about settings that are not emulated. */
  provider?: Record<string, unknown>;
}

/** Which framework resolved a service. */
export interface ResolvedBy {
  name: 'serverless' | 'osls';
  version: string;
}

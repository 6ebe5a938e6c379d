/**
 * Something in the service that the local runtime does not emulate: the service still runs,
 * but this piece behaves differently than on AWS. `where` is a config path such as
 * `functions.hello.events[0].http`, `resources.Uploads (AWS::S3::Bucket)` or `plugins.serverless-offline`;
 * `message` says what happens instead.
 */
export interface ServiceWarning {
  where: string;
  message: string;
}

/** `where: message`, the one line `start`, `invoke` and the test API show for a warning. */
export function formatWarning(warning: ServiceWarning): string {
  return `${warning.where}: ${warning.message}`;
}

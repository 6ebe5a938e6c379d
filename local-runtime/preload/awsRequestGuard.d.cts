/** Options of {@link install}. */
export interface AwsRequestGuardOptions {
  /**
   * The local endpoint server that gets AWS requests instead, e.g. `http://127.0.0.1:54321` (plain
   * HTTP), or a function choosing it when each request starts (several runtimes in one process).
   */
  target: string | URL | (() => string | URL);
  /** The label of the work making a request (sent as `x-tidepool-caller`), read when the request starts. */
  caller?: () => string | undefined;
}

/**
 * Redirects every `http`/`https` request and global `fetch` of this process to an AWS host
 * (`*.amazonaws.com`, `*.amazonaws.com.cn`, `*.api.aws`, `*.on.aws`, the metadata addresses) to
 * `target` over plain HTTP, with the original host in `x-tidepool-aws-host` and the caller in
 * `x-tidepool-caller`. Installs stack: the latest redirects; returns the function that removes
 * this install (with none left, the original functions are restored).
 */
export function install(options: AwsRequestGuardOptions): () => void;

/** True for a host name (no port) that belongs to AWS (the one `install` redirects). */
export function isAwsHost(host: string): boolean;

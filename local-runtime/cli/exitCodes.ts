/** Documented exit codes of the `tidepool` command. */
export const EXIT = {
  ok: 0,
  /** Something failed while running (a server could not start, an invocation error in `invoke`…). */
  failure: 1,
  /** Bad command line, or a serverless.yml the runtime cannot use. */
  usage: 2,
} as const;

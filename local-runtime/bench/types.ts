/** One measured figure. */
export interface BenchRow {
  /** What was measured, e.g. `PutItem · engine in-process`. */
  name: string;
  value: number;
  /** e.g. `ops/s`, `ms`, `KB`. */
  unit: string;
  /** Optional context: a ratio to a ceiling, a target. */
  note?: string;
}

/** A benchmark suite: one file in bench/suites/, default-exported. */
export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}

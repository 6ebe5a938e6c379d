import { DynamoDbError } from '../errors';
import type { TableDefinition } from '../storage/Table';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A time as AWS words it in this message, e.g. `Sunday, March 24, 2019 9:07:28 AM UTC`. */
function awsTime(ms: number): string {
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${hours % 12 === 0 ? 12 : hours % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'} UTC`;
}

type Throughput = { ReadCapacityUnits?: unknown; WriteCapacityUnits?: unknown } | undefined;

function decreases(before: Throughput, after: Throughput): boolean {
  if (!before || !after) return false;
  const lower = (key: 'ReadCapacityUnits' | 'WriteCapacityUnits') => typeof before[key] === 'number' && typeof after[key] === 'number' && (after[key] as number) < (before[key] as number);
  return lower('ReadCapacityUnits') || lower('WriteCapacityUnits');
}

/**
 * AWS's limit on provisioned throughput decreases, per table and per GSI (their limits are separate): four at any
 * time in a UTC day, then one more whenever there was no decrease in the past hour
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#default-limits-capacity-modes).
 */
export class DecreaseLimits {
  /** Decrease times of the current UTC day, by `table` / `table/index/name` and table creation. */
  readonly #history = new Map<string, number[]>();

  /** Check an UpdateTable from `before` to `after` at `now`: throws LimitExceededException, else records its decreases. */
  check(before: TableDefinition, after: TableDefinition, now: number): void {
    const changes: string[] = [];
    if (decreases(before.provisionedThroughput, after.provisionedThroughput)) changes.push(before.name);
    for (const index of after.indexes) {
      const old = before.indexes.find((i) => i.name === index.name);
      if (old && decreases(old.provisionedThroughput as Throughput, index.provisionedThroughput as Throughput)) changes.push(`${before.name}/index/${index.name}`);
    }
    const day = Math.floor(now / DAY_MS);
    const lists = changes.map((name) => {
      const id = `${name}@${before.createdAtMs}`;
      const list = (this.#history.get(id) ?? []).filter((at) => Math.floor(at / DAY_MS) === day);
      this.#history.set(id, list);
      return list;
    });
    for (const list of lists) {
      const last = list[list.length - 1];
      if (list.length >= 4 && last !== undefined && now - last < HOUR_MS) {
        throw new DynamoDbError(
          'LimitExceededException',
          `Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. After the first 4 decreases, each subsequent decrease in the same UTC day can be performed at most once every 3600 seconds. Number of decreases today: ${list.length}. Last decrease at ${awsTime(last)}. Next decrease can be made at ${awsTime(last + HOUR_MS)}`,
        );
      }
    }
    for (const list of lists) list.push(now);
  }
}

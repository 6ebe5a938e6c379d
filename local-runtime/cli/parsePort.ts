import { InvalidArgumentError } from 'commander';

/** Commander argument parser for a TCP port (0 picks a free one). */
export function parsePort(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new InvalidArgumentError(`expected an integer from 0 to 65535, got "${value}"`);
  }
  return parsed;
}

/**
 * Runs `fn` while collecting everything written to stdout and stderr (handler logs), so the CLI
 * can print them apart from the result. The streams are restored afterwards, even on error.
 */
export async function captureOutput<T>(fn: () => Promise<T>): Promise<{ value: T; output: string }> {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
      callback?.();
      return true;
    }) as typeof stream.write;
  }
  try {
    const value = await fn();
    return { value, output: chunks.join('') };
  } finally {
    streams.forEach((stream, i) => (stream.write = originals[i]!));
  }
}

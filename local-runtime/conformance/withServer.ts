import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { startWireServer } from '../wire/startWireServer';
import type { WireServer } from '../wire/startWireServer';

/** A fresh engine behind `startWireServer` on 127.0.0.1, port 0. */
export async function startConformanceServer(): Promise<{ engine: Engine; server: WireServer }> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 10, 22)) });
  const server = await startWireServer(engine, { host: '127.0.0.1', port: 0 });
  return { engine, server };
}

/** `it` when the engine implements every operation named, otherwise `it.skip` with the reason in the title. */
export function needs(engine: Engine, ...operations: string[]): { ok: boolean; reason: string } {
  const missing = operations.filter((op) => !engine.operationNames().includes(op));
  return { ok: missing.length === 0, reason: missing.length === 0 ? '' : ` (skipped: engine lacks ${missing.join(', ')})` };
}

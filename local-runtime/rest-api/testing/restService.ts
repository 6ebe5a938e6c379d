import type { LocalFunction } from '../../lambda/LocalFunction';
import type { InvocationRecord, InvocationTrigger } from '../../lambda/types';
import type { FunctionEventModel, ServiceModel } from '../../service/ServiceModel';

/** A handler of a fake function: returns the result, or throws (an `error` outcome). */
export type FakeHandler = (event: Record<string, unknown>) => unknown;

/** A service model with these functions' events, for tests (no files are read). */
export function restService(events: Record<string, FunctionEventModel[]>, provider: Record<string, unknown> = {}): ServiceModel {
  return {
    servicePath: '/nowhere', service: 'svc', stage: 'dev', region: 'us-east-1', accountId: '123456789012', runtime: 'nodejs20.x',
    functions: Object.fromEntries(Object.entries(events).map(([key, evs]) => [key, {
      key, name: `svc-dev-${key}`, handler: `${key}.handler`, timeout: 6, memorySize: 1024, environment: {}, events: evs,
    }])),
    resources: {}, httpApi: {}, provider,
  };
}

/** Functions that run `handlers` in-process and record every call (event and trigger). */
export function fakeFunctions(handlers: Record<string, FakeHandler>): { functions: Map<string, LocalFunction>; calls: { key: string; event: Record<string, unknown>; trigger: InvocationTrigger }[] } {
  const calls: { key: string; event: Record<string, unknown>; trigger: InvocationTrigger }[] = [];
  const functions = new Map(Object.entries(handlers).map(([key, handler]) => [key, {
    invoke: async (event: Record<string, unknown>, trigger: InvocationTrigger): Promise<InvocationRecord> => {
      calls.push({ key, event, trigger });
      const base = { requestId: 'r', functionKey: key, functionName: key, trigger, startedAt: 0, durationMs: 1, event };
      try {
        return { ...base, outcome: 'success', result: await handler(event) };
      } catch (error) {
        return { ...base, outcome: 'error', error: { errorType: (error as Error).name, errorMessage: (error as Error).message } };
      }
    },
  } as unknown as LocalFunction]));
  return { functions, calls };
}

/**
 * Tidepool's local runtime: the public API for tests and tools.
 * Nothing here ships inside a Lambda bundle.
 */
export { createRuntime, type RuntimeOptions } from './runtime/createRuntime';
export type { Runtime, RuntimeHttpResponse } from './runtime/Runtime';
export type { OutboxMessage } from './runtime/Outbox';
export { formatWarning, type ServiceWarning } from './service/ServiceWarning';
export { RuntimeError, ServiceConfigError, DrainError } from './runtime/errors';
export { VirtualClock, RealClock, type Clock } from './clock/Clock';
export { compileFilter } from './mappings/filter/compileFilter';
export { compileEventPattern } from './messaging/eventPattern/compileEventPattern';
export { EventPatternError } from './messaging/eventPattern/EventPatternError';
export { Engine } from './engine/Engine';
export { createInProcessRequestHandler } from './wire/createInProcessRequestHandler';
export { inProcessClientConfig } from './wire/inProcessClientConfig';
export { startWireServer } from './wire/startWireServer';
export type { InvocationRecord } from './lambda/types';
export type { StreamRecord } from './engine/streams/types';
export { mintDevToken, type DevTokenOptions } from './auth/mintDevToken';

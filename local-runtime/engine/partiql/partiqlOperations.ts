/** The three PartiQL operations, for the engine's operation table. */
export { executeStatement } from './executeStatement';
export { batchExecuteStatement } from './batchExecuteStatement';
export { executeTransaction } from './executeTransaction';

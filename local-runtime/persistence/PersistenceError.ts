/** The data directory cannot be used (damaged journal, not writable…). */
export class PersistenceError extends Error {
  override readonly name = 'PersistenceError';
  readonly code = 'persistence.journal';
}

/**
 * How long a writer waits for another process's write lock before giving up with SQLITE_BUSY.
 * @unit milliseconds
 */
export const BUSY_TIMEOUT_MS = 5000;

import { accessSync, constants } from 'node:fs';
import { BUSY_TIMEOUT_MS } from './busy-timeout.js';

/** What went wrong with the data directory's storage. */
export type StorageProblem = 'disk-full' | 'read-only' | 'cannot-open' | 'locked' | 'io-error' | 'corrupt';

/**
 * A failure of the storage under a data directory (full disk, read-only or unwritable directory,
 * I/O error), with a message that names the directory and what to do. The original error is the
 * `cause`. SQLite rolls back the statement or transaction that failed, so the data written before
 * stays intact.
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly problem: StorageProblem,
    readonly dataDir: string,
    message: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

const errorCode = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';

/** Why the directory cannot be written to, from the OS, or undefined when it can. */
function writeDenial(dir: string): string | undefined {
  try {
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EROFS') return 'the file system is read-only (EROFS)';
    if (code === 'EACCES') return 'permission denied (EACCES)';
    if (code === 'EPERM') return 'operation not permitted, e.g. an immutable directory (EPERM)';
    if (code === 'ENOTDIR') return 'a path component is a file, not a directory (ENOTDIR)';
    if (code === 'ENOENT') return 'it does not exist (ENOENT)';
    return code || 'it is not writable';
  }
}

/**
 * Recognises a storage failure in an error from SQLite (better-sqlite3 `SQLITE_*` codes) or the
 * file system (`ENOSPC`, `EROFS`, `EACCES`, …) and turns it into a {@link StorageError} naming
 * `dataDir`; returns undefined for any other error. This is the one place those codes are mapped.
 */
export function toStorageError(error: unknown, dataDir: string): StorageError | undefined {
  if (error instanceof StorageError) return error;
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new StorageError(
      'disk-full',
      dataDir,
      `The disk holding the data directory ${dataDir} is full (or the database reached its size limit): ${detail}. The change was not saved; earlier data is intact. Free some space and retry.`,
      { cause: error },
    );
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_AUTH' ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'ENOTDIR' ||
    code === 'EEXIST'
  ) {
    const denial = writeDenial(dataDir);
    const readOnly = code.startsWith('SQLITE_READONLY') || code === 'EROFS' || denial?.includes('EROFS');
    return new StorageError(
      readOnly ? 'read-only' : 'cannot-open',
      dataDir,
      `Cannot write to the data directory ${dataDir}: ${denial ?? detail}${denial ? ` (${detail})` : ''}. The local backend needs a writable directory for ses.db and its -wal/-shm files; choose another directory or fix its permissions.`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StorageError(
      'locked',
      dataDir,
      `The database in ${dataDir} stayed locked by another process for more than ${BUSY_TIMEOUT_MS / 1000} s: ${detail}. The change was not saved; retry once the other process is done.`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StorageError(
      'corrupt',
      dataDir,
      `The database ${dataDir}/ses.db is damaged or not a database: ${detail}. Restore it from a copy, or move it away to start afresh.`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new StorageError(
      'io-error',
      dataDir,
      `I/O error on the database in ${dataDir}: ${detail}. The change was not saved.`,
      { cause: error },
    );
  }
  return undefined;
}

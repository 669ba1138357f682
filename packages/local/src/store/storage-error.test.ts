import { describe, expect, it } from 'vitest';
import { StorageError, toStorageError } from './storage-error.js';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('toStorageError', () => {
  it.each([
    ['SQLITE_FULL', 'disk-full', /is full/],
    ['ENOSPC', 'disk-full', /is full/],
    ['SQLITE_READONLY', 'read-only', /Cannot write to the data directory/],
    ['SQLITE_READONLY_DBMOVED', 'read-only', /Cannot write/],
    ['SQLITE_CANTOPEN', 'cannot-open', /Cannot write/],
    ['EACCES', 'cannot-open', /Cannot write/],
    ['SQLITE_BUSY', 'locked', /locked by another process for more than 5 s/],
    ['SQLITE_IOERR_WRITE', 'io-error', /I\/O error/],
    ['SQLITE_NOTADB', 'corrupt', /damaged or not a database/],
    ['SQLITE_CORRUPT', 'corrupt', /damaged or not a database/],
  ])('%s → %s, naming the directory', (code, problem, message) => {
    const mapped = toStorageError(sqliteError(code, 'boom'), '/data/dir');
    expect(mapped).toBeInstanceOf(StorageError);
    expect(mapped?.problem).toBe(problem);
    expect(mapped?.message).toMatch(message);
    expect(mapped?.message).toContain('/data/dir');
    expect(mapped?.cause).toMatchObject({ message: 'boom' });
  });

  it('leaves other errors alone', () => {
    expect(toStorageError(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'dup'), '/d')).toBeUndefined();
    expect(toStorageError(new Error('plain'), '/d')).toBeUndefined();
    expect(toStorageError('text', '/d')).toBeUndefined();
  });
});

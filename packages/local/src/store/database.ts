import { mkdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from './busy-timeout.js';
import { migrations as defaultMigrations, type Migration } from './migrations/index.js';
import { nativeAddonOptions } from './native-addon.js';
import { StorageError, toStorageError } from './storage-error.js';

export type { Database } from 'better-sqlite3';

/** File name of the database inside a data directory. */
export const DATABASE_FILE = 'ses.db';

export { BUSY_TIMEOUT_MS } from './busy-timeout.js';

/**
 * Opens (creating if needed) `<dataDir>/ses.db` in WAL mode with a busy timeout and foreign keys,
 * and brings its schema up to date. Several processes may open the same directory: WAL lets
 * readers run beside one writer, and the busy timeout makes writers queue instead of failing.
 * @throws {StorageError} when the directory cannot be created or written (read-only file system,
 *   permissions, a file in its place) or its disk is full.
 */
export function openDatabase(
  dataDir: string,
  migrations: readonly Migration[] = defaultMigrations,
): Database {
  try {
    return openAndMigrate(dataDir, migrations);
  } catch (error) {
    throw toStorageError(error, dataDir) ?? error;
  }
}

function openAndMigrate(dataDir: string, migrations: readonly Migration[]): Database {
  const existing = statSync(dataDir, { throwIfNoEntry: false });
  if (existing && !existing.isDirectory()) {
    throw new StorageError(
      'cannot-open',
      dataDir,
      `The data directory ${dataDir} is a file, not a directory; choose another path or remove the file.`,
      { cause: undefined },
    );
  }
  mkdirSync(dataDir, { recursive: true });
  // The canonical path: `db.name` identifies the database in this process (its in-flight
  // deliveries), so `./data`, a symlink and the absolute path must all name it alike.
  const db = new BetterSqlite3(join(realpathSync(dataDir), DATABASE_FILE), nativeAddonOptions());
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Refuse a newer schema before changing anything in its file (the journal mode included).
    assertKnownSchema(db, migrations.length);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the
    // last commits, which is acceptable for a local emulator and much faster than FULL.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 4 MiB of page cache instead of better-sqlite3's 16 MiB: the operating system caches the file
    // anyway, and a 50,000-recipient batch runs no slower with it, in up to 12 MB less memory
    // (bench/local.md, round 8).
    db.pragma('cache_size = -4000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Applies the migrations newer than `PRAGMA user_version`, each in its own `BEGIN IMMEDIATE`
 * transaction that re-reads the version first, so two processes opening a fresh directory at the
 * same time apply each step exactly once.
 */
export function migrate(db: Database, migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
  for (const migration of migrations) {
    if (schemaVersion(db) >= migration.version) continue;
    writeTransaction(db, () => {
      if (schemaVersion(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
  }
  assertKnownSchema(db, migrations.length);
}

function assertKnownSchema(db: Database, latest: number): void {
  if (schemaVersion(db) > latest) {
    throw new Error(
      `the database schema (version ${schemaVersion(db)}) is newer than this version of @ses-cli/local understands (${latest}); upgrade the package`,
    );
  }
}

/** The schema version recorded in the database file. */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs `fn` in a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so two processes
 * never both read, then both try to upgrade to a write (which SQLite resolves by failing one).
 * Nested calls join the outer transaction (better-sqlite3 uses savepoints).
 */
export function writeTransaction<T>(db: Database, fn: () => T): T {
  if (db.inTransaction) return db.transaction(fn)();
  return db.transaction(fn).immediate();
}

import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` is the value `PRAGMA user_version` holds once it has run; versions are
 * consecutive from 1. `up` runs inside the migration transaction and must not open its own.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

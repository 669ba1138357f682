import type { Database, Statement } from 'better-sqlite3';
import type { EngineContext } from '../context.js';
import { RECEIVER_STATUS } from './receiver-common.js';

/** One accepted upload call's rows, ready to store. */
export interface UploadRows {
  /** Addresses to store, in call order (empty and over-long ones already dropped). */
  readonly emails: readonly string[];
  /** `TemplateData` per address (same order), or null for `CreateReceiverDetail`. */
  readonly data: readonly string[] | null;
  /** Positions in `emails` of malformed addresses (stored with status 2 and a reason). */
  readonly invalid: ReadonlySet<number>;
}

/** Reason stored with a malformed address. */
const INVALID_REASON = 'invalid email address format';
/** Rows per multi-row INSERT: 4 bound values each stays far below SQLite's 32,766 variables. */
const ROWS_PER_INSERT = 500;

const insertCache = new WeakMap<Database, Map<number, Statement>>();

/** `INSERT … VALUES (…), (…)` for `rows` rows, prepared once per database and size. */
function insertStatement(db: Database, rows: number): Statement {
  let byRows = insertCache.get(db);
  if (!byRows) {
    byRows = new Map();
    insertCache.set(db, byRows);
  }
  let statement = byRows.get(rows);
  if (!statement) {
    const tuple = '(@receiverId, ?, ?, ?, ?, 0, @createdAt)';
    statement = db.prepare(
      `INSERT INTO receiver_details (receiver_id, email, template_data, status, reason, pending, created_at)
       VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`,
    );
    byRows.set(rows, statement);
  }
  return statement;
}

/**
 * Stores an accepted upload as the group's newest rows, hidden until `completeUploads`, and marks
 * the group uploading (status 2). Rows are written once, `ROWS_PER_INSERT` per statement. Must run
 * inside the caller's write transaction, after the group was checked not to be uploading.
 */
export function insertUpload(
  ctx: EngineContext,
  receiverId: number,
  rows: UploadRows,
  dataKeys: readonly string[] | undefined,
): void {
  const { db } = ctx;
  // Every id handed out from here on is above the largest one in use: that is where this upload starts.
  db.prepare(
    `UPDATE receivers SET status = ?, data_keys = COALESCE(data_keys, ?),
       pending_from = (SELECT COALESCE(MAX(id), 0) + 1 FROM receiver_details) WHERE id = ?`,
  ).run(RECEIVER_STATUS.uploading, dataKeys ? JSON.stringify(dataKeys) : null, receiverId);
  const named = { receiverId, createdAt: ctx.now().getTime() };
  const { emails, data, invalid } = rows;
  for (let start = 0; start < emails.length; start += ROWS_PER_INSERT) {
    const end = Math.min(start + ROWS_PER_INSERT, emails.length);
    const values: (string | number | null)[] = [];
    for (let i = start; i < end; i++) {
      const bad = invalid.has(i);
      values.push(emails[i] ?? '', data?.[i] ?? null, bad ? 2 : 1, bad ? INVALID_REASON : '');
    }
    insertStatement(db, end - start).run(...values, named);
  }
}

/**
 * Completes every upload still processing: its rows become visible and its group reaches status 3,
 * in one statement (so a crash leaves each upload either processing or complete, and two processes
 * running due work complete each once). Returns how many groups completed.
 */
export function completeUploads(ctx: EngineContext): number {
  return ctx.write(
    () =>
      ctx.db
        .prepare('UPDATE receivers SET status = ?, pending_from = NULL WHERE status = ?')
        .run(RECEIVER_STATUS.complete, RECEIVER_STATUS.uploading).changes,
  );
}

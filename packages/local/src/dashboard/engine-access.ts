import { join } from 'node:path';
import { ApiError } from '@ses-cli/sdk';
import BetterSqlite3 from 'better-sqlite3';
import type { LocalBackend } from '../backend.js';
import { HttpError } from '../emulator/http-error.js';
import { DATABASE_FILE } from '../store/database.js';
import { nativeAddonOptions } from '../store/native-addon.js';

/**
 * Calls an action on the engine like any client would. A refusal (a bad date range) becomes a 400
 * carrying the service's message, so the page can show it.
 */
export async function callAction(
  backend: LocalBackend,
  action: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  try {
    return (await backend.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 })).payload;
  } catch (error) {
    if (error instanceof ApiError) throw new HttpError(400, `${error.code}: ${error.serviceMessage}`);
    throw error;
  }
}

/** A sender domain's warm-up records: its first batch day and batch emails sent per day. */
export interface WarmupRecords {
  firstDate: string;
  sentByDate: Map<string, number>;
}

/**
 * Runs `read` on a separate read-only connection to the engine's database, for records no action
 * answers: the dashboard can never change engine state through it.
 */
function withReadOnlyDatabase<T>(backend: LocalBackend, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(join(backend.dataDir, DATABASE_FILE), {
    ...nativeAddonOptions(),
    readonly: true,
    fileMustExist: true,
  });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Reads the warm-up history: which day each domain started, what it sent each day. */
export function readWarmupRecords(backend: LocalBackend): Map<string, WarmupRecords> {
  return withReadOnlyDatabase(backend, (db) => {
    const records = new Map<string, WarmupRecords>();
    const domains = db.prepare('SELECT domain, first_date FROM warmup_domains').all() as {
      domain: string;
      first_date: string;
    }[];
    for (const row of domains) records.set(row.domain, { firstDate: row.first_date, sentByDate: new Map() });
    const usage = db.prepare('SELECT domain, date, sent FROM warmup_usage').all() as {
      domain: string;
      date: string;
      sent: number;
    }[];
    for (const row of usage) records.get(row.domain)?.sentByDate.set(row.date, row.sent);
    return records;
  });
}

/** One recipient's status record (what `GetSendEmailStatus` answers) and where it is in delivery. */
export interface StatusRecord {
  messageId: string;
  address: string;
  /** The engine's state: queued, sending, sent, failed, deferred, refused. */
  state: string;
  sendStatus: number;
  deliverStatus: number;
  deliverMessage: string;
}

/**
 * The status records of every recipient of these messages (a SendEmail to several recipients has
 * one per recipient, refused ones included), in send order. `GetSendEmailStatus` cannot serve the
 * page: it wants the request date and looks back 30 days only, and emulated time travels.
 */
export function readStatusRecords(backend: LocalBackend, messageIds: readonly string[]): StatusRecord[] {
  if (messageIds.length === 0) return [];
  return withReadOnlyDatabase(backend, (db) => {
    const rows = db
      .prepare(
        // The recipients riding on a SendEmail's first row stay `queued` while that row carries the
        // message (sending, deferred): their state is the carrier's until their own is written.
        `SELECT e.message_id, e.to_address,
                CASE WHEN e.status = 'queued' AND carrier.status IS NOT NULL THEN carrier.status ELSE e.status END AS status,
                e.send_status, e.deliver_status, e.deliver_message
         FROM emails e LEFT JOIN emails carrier ON carrier.id = e.carrier_id
         WHERE e.message_id IN (${messageIds.map(() => '?').join(', ')}) ORDER BY e.id`,
      )
      .all(...messageIds) as {
      message_id: string;
      to_address: string;
      status: string;
      send_status: number;
      deliver_status: number;
      deliver_message: string;
    }[];
    return rows.map((row) => ({
      messageId: row.message_id,
      address: row.to_address,
      state: row.status,
      sendStatus: row.send_status,
      deliverStatus: row.deliver_status,
      deliverMessage: row.deliver_message,
    }));
  });
}

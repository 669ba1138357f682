import type { Database, Statement } from 'better-sqlite3';
import { DELIVER_STATUS } from './deliver-status.js';

/** SendStatus codes of a recipient refused before delivery (reference §4). */
export const SEND_STATUS = {
  accepted: 0,
  frequencyLimit: 1006,
  blacklisted: 1007,
  unsubscribed: 1013,
} as const;

const HOUR_MS = 3_600_000;

const REFUSALS: Readonly<Record<number, string>> = {
  [SEND_STATUS.frequencyLimit]: 'refused: the recipient already got the hourly maximum (SendStatus 1006)',
  [SEND_STATUS.blacklisted]: 'refused: the recipient is on a blacklist (SendStatus 1007)',
  [SEND_STATUS.unsubscribed]: 'refused: the recipient unsubscribed from this sender domain (SendStatus 1013)',
};

/**
 * The delivery fields of a refused recipient's record: `DeliverStatus` 2 (dropped, reference §4)
 * and why, so it never reads as queued.
 */
export function refusedDelivery(sendStatus: number): { status: number; message: string } {
  return {
    status: DELIVER_STATUS.dropped,
    message: REFUSALS[sendStatus] ?? `refused (SendStatus ${sendStatus})`,
  };
}

const statements = new WeakMap<Database, Statement>();

/** What the checks need besides the address. */
export interface RecipientCheckContext {
  readonly senderDomain: string;
  /** Today (`YYYY-MM-DD`, engine time zone), for custom-blacklist expiry. */
  readonly today: string;
  /** @unit epoch milliseconds */
  readonly now: number;
  readonly frequencyLimitPerHour: number;
}

/**
 * The SendStatus a recipient gets before anything is delivered: 1007 on the bounce or the custom
 * blacklist, 1013 when they unsubscribed from the sender's domain, 1006 when they already got
 * `frequencyLimitPerHour` emails in the last hour, else 0. One prepared query per recipient, so a
 * 50,000-recipient task checks quickly.
 */
export function recipientSendStatus(db: Database, address: string, check: RecipientCheckContext): number {
  let statement = statements.get(db);
  if (!statement) {
    statement = db.prepare(
      `SELECT
         EXISTS (SELECT 1 FROM bounce_blacklist WHERE email = @email) AS bounced,
         EXISTS (SELECT 1 FROM custom_blacklist WHERE email = @email
                 AND (expire_date IS NULL OR expire_date >= @today)) AS custom,
         EXISTS (SELECT 1 FROM unsubscribed WHERE email = @email AND domain = @domain) AS unsubscribed,
         (SELECT COUNT(*) FROM emails WHERE to_address = @email AND request_time > @since
          AND send_status = 0) AS recent`,
    );
    statements.set(db, statement);
  }
  const row = statement.get({
    email: address.toLowerCase(),
    today: check.today,
    domain: check.senderDomain,
    since: check.now - HOUR_MS,
  }) as { bounced: number; custom: number; unsubscribed: number; recent: number };
  if (row.bounced || row.custom) return SEND_STATUS.blacklisted;
  if (row.unsubscribed) return SEND_STATUS.unsubscribed;
  if (row.recent >= check.frequencyLimitPerHour) return SEND_STATUS.frequencyLimit;
  return SEND_STATUS.accepted;
}

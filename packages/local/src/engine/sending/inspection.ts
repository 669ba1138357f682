import { readFileSync, rmSync } from 'node:fs';
import type { EngineContext } from '../context.js';
import type { DeliveryEvent, MessageStore, MessageSummary, Tracking } from '../inspection.js';
import { formatDateTime } from '../time.js';
import type { EmailRow } from './emails.js';
import { eventsOf } from './events.js';
import { recordClick, recordOpen, recordUnsubscribe } from './outcomes.js';
import { statement } from './statement-cache.js';

function summary(ctx: EngineContext, row: EmailRow): MessageSummary {
  const item: MessageSummary = {
    id: row.message_id,
    smtpMessageId: row.smtp_message_id,
    from: row.from_address,
    to: row.to_address,
    subject: row.subject,
    status: row.status,
    createdAt: formatDateTime(row.request_time, ctx.timeZone),
  };
  if (row.task_id !== null) item.taskId = row.task_id;
  return item;
}

// A message is its carrier row: one per batch recipient, one per SendEmail call.
const CARRIER = "carrier_id IS NULL AND status <> 'refused'";

/**
 * Recorded messages for the emulator's inspection API and `ses-cli local messages`: one entry per
 * message handed to (or waiting for) the transport, newest first.
 */
export function createMessageStore(ctx: EngineContext): MessageStore {
  const byId = (id: string) =>
    statement(ctx.db, `SELECT * FROM emails WHERE message_id = ? AND ${CARRIER}`).get(id) as
      | EmailRow
      | undefined;
  return {
    list(filter = {}) {
      const where = [CARRIER];
      const params: unknown[] = [];
      if (filter.to) {
        where.push('to_address = ?');
        params.push(filter.to.toLowerCase());
      }
      if (filter.messageId) {
        where.push('message_id = ?');
        params.push(filter.messageId);
      }
      if (filter.subject) {
        where.push("subject LIKE ? ESCAPE '\\'");
        params.push(`%${filter.subject.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      }
      const clause = where.join(' AND ');
      const total = ctx.db
        .prepare(`SELECT COUNT(*) FROM emails WHERE ${clause}`)
        .pluck()
        .get(...params) as number;
      const rows = ctx.db
        .prepare(`SELECT * FROM emails WHERE ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
        .all(...params, filter.limit ?? 50, filter.offset ?? 0) as EmailRow[];
      return { items: rows.map((row) => summary(ctx, row)), total };
    },
    raw(id) {
      const row = byId(id);
      if (!row?.raw_path) return undefined;
      try {
        return readFileSync(row.raw_path);
      } catch {
        return undefined;
      }
    },
    get(id) {
      const row = byId(id);
      return row ? { ...summary(ctx, row), events: eventsOf(ctx.db, row) } : undefined;
    },
    delete(id) {
      const row = byId(id);
      if (!row) return false;
      ctx.write(() => {
        const ids = statement(ctx.db, 'SELECT id FROM emails WHERE id = ? OR carrier_id = ?')
          .pluck()
          .all(row.id, row.id);
        for (const emailId of ids) statement(ctx.db, 'DELETE FROM events WHERE email_id = ?').run(emailId);
        statement(ctx.db, 'DELETE FROM emails WHERE id = ? OR carrier_id = ?').run(row.id, row.id);
      });
      if (row.raw_path) rmSync(row.raw_path, { force: true });
      return true;
    },
  };
}

/**
 * Opens, clicks and unsubscribes arriving through the tracking URLs of delivered mail. Each finds
 * its email by the token in the URL; a click answers the original URL only when that message really
 * had a link at that index, so the endpoint can never be used as an open redirect.
 */
export function createTracking(ctx: EngineContext): Tracking {
  const byToken = (token: string) =>
    statement(ctx.db, "SELECT * FROM emails WHERE token = ? AND status = 'sent'").get(token) as
      | EmailRow
      | undefined;
  const record = (fn: (row: EmailRow, at: number) => DeliveryEvent[], token: string): boolean => {
    const events = ctx.write(() => {
      const row = byToken(token);
      return row ? fn(row, ctx.now().getTime()) : undefined;
    });
    if (!events) return false;
    for (const event of events) ctx.emit(event);
    return true;
  };
  return {
    open: (token, userAgent) => record((row, at) => recordOpen(ctx, row, at, userAgent), token),
    click(token, index, userAgent) {
      let url: string | undefined;
      const found = record((row, at) => {
        const links = JSON.parse(row.links ?? '[]') as string[];
        url = Number.isSafeInteger(index) && index >= 0 ? links[index] : undefined;
        return url === undefined ? [] : recordClick(ctx, row, url, at, userAgent);
      }, token);
      return found ? url : undefined;
    },
    unsubscribe: (token) => record((row, at) => recordUnsubscribe(ctx, row, at), token),
  };
}

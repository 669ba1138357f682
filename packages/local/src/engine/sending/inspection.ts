import { readFileSync, rmSync } from 'node:fs';
import type { EngineContext } from '../context.js';
import type { DeliveryEvent, MessageStore, MessageSummary, Tracking } from '../inspection.js';
import { formatDateTime } from '../time.js';
import { DELIVER_STATUS } from './deliver-status.js';
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

// A message is its carrier row: one per batch recipient, one per SendEmail call; deleted ones are
// forgotten by the inspection API only (migration 004).
const CARRIER = "carrier_id IS NULL AND status <> 'refused' AND forgotten = 0";

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
        // Any recipient of the message: a SendEmail's other Destination, Cc and Bcc addresses are
        // rows riding on its carrier (carrier_id), each found through the recipient index.
        where.push(
          '(to_address = ? OR id IN (SELECT carrier_id FROM emails WHERE to_address = ? AND carrier_id IS NOT NULL))',
        );
        const to = filter.to.toLowerCase();
        params.push(to, to);
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
      statement(ctx.db, 'UPDATE emails SET forgotten = 1 WHERE id = ?').run(row.id);
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
  /**
   * The delivered recipient a tracking hit counts for. Mail that bounced or was refused was never
   * read. A message to several recipients carries its first recipient's token: when that one
   * bounced, the first recipient who did get it is credited.
   */
  const byToken = (token: string): EmailRow | undefined => {
    const carrier = statement(ctx.db, "SELECT * FROM emails WHERE token = ? AND status = 'sent'").get(
      token,
    ) as EmailRow | undefined;
    if (!carrier || carrier.deliver_status === DELIVER_STATUS.delivered) return carrier;
    return statement(
      ctx.db,
      'SELECT * FROM emails WHERE carrier_id = ? AND deliver_status = ? ORDER BY id LIMIT 1',
    ).get(carrier.id, DELIVER_STATUS.delivered) as EmailRow | undefined;
  };
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
        if (url === undefined) return [];
        const events = recordClick(ctx, row, url, at, userAgent);
        // The service counts a click on the sender's own unsubscribe link (one whose URL contains
        // the keyword) as an unsubscribe too (reference §7.1).
        if (/unsubscribe/i.test(url)) events.push(...recordUnsubscribe(ctx, row, at));
        return events;
      }, token);
      return found ? url : undefined;
    },
    unsubscribe: (token) => record((row, at) => recordUnsubscribe(ctx, row, at), token),
  };
}

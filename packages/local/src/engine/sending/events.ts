import type { Database, Statement } from 'better-sqlite3';
import type { DeliveryEvent } from '../inspection.js';
import { unixSeconds } from '../time.js';
import type { EmailRow } from './emails.js';

/** Optional details of an event. */
export interface EventDetails {
  reason?: string;
  bounceType?: 'soft_bounce' | 'hard_bounce';
  link?: string;
  userAgent?: string;
}

const inserts = new WeakMap<Database, Statement>();

/** The webhook-shaped event of a stored event row. */
export function toDeliveryEvent(
  row: Pick<
    EmailRow,
    | 'to_address'
    | 'message_id'
    | 'smtp_message_id'
    | 'from_email'
    | 'sender_domain'
    | 'template_id'
    | 'subject'
    | 'deliver_time'
  >,
  type: DeliveryEvent['type'],
  time: number,
  details: EventDetails,
): DeliveryEvent {
  const event: DeliveryEvent = {
    type,
    email: row.to_address,
    bulkId: row.message_id,
    messageId: row.smtp_message_id,
    from: row.from_email,
    fromDomain: row.sender_domain,
    subject: row.subject,
    timestamp: unixSeconds(time),
  };
  if (row.template_id !== null) event.templateId = row.template_id;
  if (row.deliver_time > 0) event.sentTimestamp = unixSeconds(row.deliver_time);
  if (details.reason !== undefined) event.reason = details.reason;
  if (details.bounceType !== undefined) event.bounceType = details.bounceType;
  if (details.link !== undefined) event.link = details.link;
  if (details.userAgent !== undefined) event.userAgent = details.userAgent;
  return event;
}

/**
 * Stores an event of `row` (inside the caller's transaction) and returns it for `ctx.emit`, which
 * the caller calls only after the commit so a listener never sees an event that was rolled back.
 */
export function recordEvent(
  db: Database,
  row: Parameters<typeof toDeliveryEvent>[0] & { id: number },
  type: DeliveryEvent['type'],
  time: number,
  details: EventDetails = {},
): DeliveryEvent {
  let insert = inserts.get(db);
  if (!insert) {
    insert = db.prepare(
      `INSERT INTO events (email_id, type, time, reason, bounce_type, link, user_agent)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    inserts.set(db, insert);
  }
  insert.run(
    row.id,
    type,
    time,
    details.reason ?? null,
    details.bounceType ?? null,
    details.link ?? null,
    details.userAgent ?? null,
  );
  return toDeliveryEvent(row, type, time, details);
}

/** The stored events of one email, oldest first. */
export function eventsOf(
  db: Database,
  row: Parameters<typeof toDeliveryEvent>[0] & { id: number },
): DeliveryEvent[] {
  const rows = db
    .prepare(
      'SELECT type, time, reason, bounce_type, link, user_agent FROM events WHERE email_id = ? ORDER BY id',
    )
    .all(row.id) as {
    type: DeliveryEvent['type'];
    time: number;
    reason: string | null;
    bounce_type: 'soft_bounce' | 'hard_bounce' | null;
    link: string | null;
    user_agent: string | null;
  }[];
  return rows.map((event) => {
    const details: EventDetails = {};
    if (event.reason !== null) details.reason = event.reason;
    if (event.bounce_type !== null) details.bounceType = event.bounce_type;
    if (event.link !== null) details.link = event.link;
    if (event.user_agent !== null) details.userAgent = event.user_agent;
    return toDeliveryEvent(row, event.type, event.time, details);
  });
}

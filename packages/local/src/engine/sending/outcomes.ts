import { simulatorOutcome } from '../../delivery/simulator.js';
import type { EngineContext } from '../context.js';
import type { DeliveryEvent } from '../inspection.js';
import { addAbuseReport, addBounceBlacklist, addUnsubscribed } from '../lookups.js';
import { DELIVER_STATUS } from './deliver-status.js';
import { type EmailRow, statKey } from './emails.js';
import { recordEvent } from './events.js';
import { statement } from './statement-cache.js';
import { bumpStat, type StatTally } from './stats.js';

const HARD_BOUNCE = '550 5.1.1 recipient is not exist (mailbox simulator)';
const SOFT_BOUNCE = '452 4.2.2 mailbox full (mailbox simulator soft bounce)';
const RELAY_REFUSAL = '550 refused by the SMTP relay';

/**
 * Records what happened once the transport took `row`'s message, inside the caller's transaction:
 * ordinary recipients are delivered (DeliverStatus 1); `simulator.test` mailboxes play their
 * outcome: a hard bounce (DeliverStatus 3, bounce blacklist), a soft bounce (deferred, then a soft
 * bounce; DeliverStatus 8, not blacklisted), a complaint (abuse report), an open, a click (open +
 * click on the first link of `linksJson`, the message's tracked links as a JSON array) or an
 * unsubscribe (suppressed from then on). `path` is stored as the message's raw path; the
 * delivered/bounced counters go to `tally`, which the caller flushes in the same transaction. `relayRefused`: an SMTP relay refused this recipient while it took the message
 * for the others; it is rejected like a hard bounce, but not blacklisted (a relay may refuse by
 * policy rather than for the mailbox).
 */
export function applyDelivery(
  ctx: EngineContext,
  row: EmailRow,
  linksJson: string,
  at: number,
  path: string | null,
  tally: StatTally,
  relayRefused = false,
): DeliveryEvent[] {
  const outcome = simulatorOutcome(row.to_address) ?? 'success';
  const events: DeliveryEvent[] = [];
  const key = statKey(row);
  const update = statement(
    ctx.db,
    `UPDATE emails SET status = 'sent', deliver_status = ?, deliver_message = ?, deliver_time = ?, links = ?,
       subject = ?, raw_path = ?, claim_owner = NULL WHERE id = ?`,
  );
  if (relayRefused || outcome === 'bounce') {
    const reason = relayRefused ? RELAY_REFUSAL : HARD_BOUNCE;
    update.run(DELIVER_STATUS.rejected, reason, at, linksJson, row.subject, path, row.id);
    if (!relayRefused) addBounceBlacklist(ctx.db, row.to_address, HARD_BOUNCE, at);
    tally.add('bounced', key);
    events.push(recordEvent(ctx.db, row, 'bounce', at, { reason, bounceType: 'hard_bounce' }));
    return events;
  }
  if (outcome === 'softbounce') {
    update.run(DELIVER_STATUS.deferred, SOFT_BOUNCE, at, linksJson, row.subject, path, row.id);
    tally.add('bounced', key);
    events.push(recordEvent(ctx.db, row, 'deferred', at, { reason: SOFT_BOUNCE }));
    events.push(recordEvent(ctx.db, row, 'bounce', at, { reason: SOFT_BOUNCE, bounceType: 'soft_bounce' }));
    return events;
  }
  update.run(DELIVER_STATUS.delivered, '', at, linksJson, row.subject, path, row.id);
  const delivered = { ...row, deliver_time: at };
  tally.add('delivered', key);
  events.push(recordEvent(ctx.db, delivered, 'delivered', at));
  if (outcome === 'complaint') events.push(...recordComplaint(ctx, delivered, at));
  if (outcome === 'open' || outcome === 'click') events.push(...recordOpen(ctx, delivered, at));
  // A message without links has nothing to click: click@ then only opens it.
  const firstLink = outcome === 'click' ? (JSON.parse(linksJson) as string[])[0] : undefined;
  if (firstLink !== undefined) events.push(...recordClick(ctx, delivered, firstLink, at));
  if (outcome === 'unsubscribe') events.push(...recordUnsubscribe(ctx, delivered, at));
  return events;
}

/** A total open: every open counts in `OpenedCount`. */
export function recordOpen(
  ctx: EngineContext,
  row: EmailRow,
  at: number,
  userAgent?: string,
): DeliveryEvent[] {
  statement(ctx.db, 'UPDATE emails SET opened = 1 WHERE id = ?').run(row.id);
  bumpStat(ctx.db, 'opened', statKey(row));
  return [recordEvent(ctx.db, row, 'open', at, userAgent === undefined ? {} : { userAgent })];
}

/** A click: `ClickedCount` counts recipients who clicked, so only a recipient's first click adds one. */
export function recordClick(
  ctx: EngineContext,
  row: EmailRow,
  link: string,
  at: number,
  userAgent?: string,
): DeliveryEvent[] {
  const first = statement(ctx.db, 'UPDATE emails SET clicked = 1 WHERE id = ? AND clicked = 0').run(
    row.id,
  ).changes;
  if (first > 0) bumpStat(ctx.db, 'clicked', statKey(row));
  return [recordEvent(ctx.db, row, 'click', at, userAgent === undefined ? { link } : { link, userAgent })];
}

/** An unsubscribe: the recipient is suppressed for the sender's domain (SendStatus 1013 afterwards). */
export function recordUnsubscribe(ctx: EngineContext, row: EmailRow, at: number): DeliveryEvent[] {
  const first = ctx.db
    .prepare('UPDATE emails SET unsubscribed = 1 WHERE id = ? AND unsubscribed = 0')
    .run(row.id).changes;
  addUnsubscribed(ctx.db, row.to_address, row.sender_domain, at);
  if (first === 0) return [];
  bumpStat(ctx.db, 'unsubscribed', statKey(row));
  return [recordEvent(ctx.db, row, 'unsubscribe', at)];
}

/** A spam complaint: flagged on the status record and listed by `GetAbuseReport`. */
function recordComplaint(ctx: EngineContext, row: EmailRow, at: number): DeliveryEvent[] {
  statement(ctx.db, 'UPDATE emails SET complained = 1 WHERE id = ?').run(row.id);
  const report = {
    deliverTime: row.deliver_time,
    from: row.from_email,
    to: row.to_address,
    complainTime: at,
    bulkId: row.message_id,
    messageId: row.smtp_message_id,
    subject: row.subject,
  };
  addAbuseReport(ctx.db, row.template_id === null ? report : { ...report, templateId: row.template_id });
  return [recordEvent(ctx.db, row, 'spamreport', at)];
}

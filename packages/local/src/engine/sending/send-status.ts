import type { EngineContext } from '../context.js';
import { formatDate, unixSeconds } from '../time.js';
import { addDays } from './dates.js';
import type { EmailRow } from './emails.js';

/** Days back (today included) `GetSendEmailStatus` can look. */
export const STATUS_WINDOW_DAYS = 30;

/** One row as a `SendEmailStatus`; `UserComplainted` is the service's deprecated spelling, kept. */
function toStatus(row: EmailRow): Record<string, unknown> {
  return {
    MessageId: row.message_id,
    ToEmailAddress: row.to_address,
    FromEmailAddress: row.from_email,
    SendStatus: row.send_status,
    DeliverStatus: row.deliver_status,
    DeliverMessage: row.deliver_message,
    RequestTime: unixSeconds(row.request_time),
    DeliverTime: row.deliver_time === 0 ? 0 : unixSeconds(row.deliver_time),
    UserOpened: row.opened === 1,
    UserClicked: row.clicked === 1,
    UserUnsubscribed: row.unsubscribed === 1,
    UserComplainted: row.complained === 1,
    UserComplained: row.complained === 1,
  };
}

/** `GetSendEmailStatus`: the records of one request day within the last 30 days, in send order. */
export function getSendEmailStatus(
  ctx: EngineContext,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const date = String(input['RequestDate']);
  const today = formatDate(ctx.now().getTime(), ctx.timeZone);
  if (date > today || date < addDays(today, 1 - STATUS_WINDOW_DAYS)) {
    throw ctx.apiError(
      'FailedOperation.NotSupportDate',
      `RequestDate must be within the last ${STATUS_WINDOW_DAYS} days (${addDays(today, 1 - STATUS_WINDOW_DAYS)} to ${today}).`,
    );
  }
  const where = ['request_date = ?'];
  const params: unknown[] = [date];
  if (typeof input['MessageId'] === 'string' && input['MessageId'] !== '') {
    where.push('message_id = ?');
    params.push(input['MessageId']);
  }
  if (typeof input['ToEmailAddress'] === 'string' && input['ToEmailAddress'] !== '') {
    where.push('to_address = ?');
    params.push(input['ToEmailAddress'].toLowerCase());
  }
  const rows = ctx.db
    .prepare(`SELECT * FROM emails WHERE ${where.join(' AND ')} ORDER BY id LIMIT ? OFFSET ?`)
    .all(...params, Number(input['Limit'] ?? 100), Number(input['Offset'] ?? 0)) as EmailRow[];
  return { EmailStatusList: rows.map(toStatus) };
}

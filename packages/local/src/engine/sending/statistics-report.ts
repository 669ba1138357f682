import type { EngineContext } from '../context.js';
import { datesBetween, daysBetween } from './dates.js';

interface VolumeRow {
  date: string;
  requests: number;
  accepted: number;
  delivered: number;
  opened: number;
  clicked: number;
  bounced: number;
  unsubscribed: number;
}

/** Longest range one report covers; the service documents none, 90 days matches `NotSupportDate`. */
const MAX_RANGE_DAYS = 90;

function volume(row: Omit<VolumeRow, 'date'>, date?: string): Record<string, unknown> {
  return {
    ...(date === undefined ? {} : { SendDate: date }),
    RequestCount: row.requests,
    AcceptedCount: row.accepted,
    DeliveredCount: row.delivered,
    OpenedCount: row.opened,
    ClickedCount: row.clicked,
    BounceCount: row.bounced,
    UnsubscribeCount: row.unsubscribed,
  };
}

/**
 * `GetStatisticsReport`: one `Volume` per day of the range (zeros included) plus the total, from
 * the `daily_stats` aggregate, optionally narrowed to a sender domain and a recipient domain. Emails
 * count on the day they were requested; later opens and clicks count on that same day, so a day's
 * funnel always adds up.
 */
export function getStatisticsReport(
  ctx: EngineContext,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const start = String(input['StartDate']);
  const end = String(input['EndDate']);
  if (start > end)
    throw ctx.apiError('InvalidParameterValue.WrongDate', 'StartDate must not be after EndDate.');
  // Measured before the days are listed: a range of centuries must not cost seconds to refuse.
  if (daysBetween(start, end) + 1 > MAX_RANGE_DAYS) {
    throw ctx.apiError(
      'InvalidParameterValue.WrongDate',
      `The range must not exceed ${MAX_RANGE_DAYS} days.`,
    );
  }
  const dates = datesBetween(start, end);
  const where = ['date >= ?', 'date <= ?'];
  const params: unknown[] = [start, end];
  if (typeof input['Domain'] === 'string' && input['Domain'] !== '') {
    where.push('sender_domain = ?');
    params.push(input['Domain'].toLowerCase());
  }
  if (typeof input['ReceivingMailboxType'] === 'string' && input['ReceivingMailboxType'] !== '') {
    where.push('recipient_domain = ?');
    params.push(input['ReceivingMailboxType'].toLowerCase());
  }
  const rows = ctx.db
    .prepare(
      `SELECT date, SUM(requests) AS requests, SUM(accepted) AS accepted, SUM(delivered) AS delivered,
              SUM(opened) AS opened, SUM(clicked) AS clicked, SUM(bounced) AS bounced,
              SUM(unsubscribed) AS unsubscribed
       FROM daily_stats WHERE ${where.join(' AND ')} GROUP BY date`,
    )
    .all(...params) as VolumeRow[];
  const byDate = new Map(rows.map((row) => [row.date, row]));
  const zero = { requests: 0, accepted: 0, delivered: 0, opened: 0, clicked: 0, bounced: 0, unsubscribed: 0 };
  const total = { ...zero };
  const daily = dates.map((date) => {
    const row = byDate.get(date) ?? { date, ...zero };
    for (const key of Object.keys(zero) as (keyof typeof zero)[]) total[key] += row[key];
    return volume(row, date);
  });
  return { DailyVolumes: daily, OverallVolume: volume(total) };
}

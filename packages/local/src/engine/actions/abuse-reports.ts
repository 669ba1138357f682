import type { Handler } from '../context.js';
import { endOfDayExclusive, formatDateTime, parseDateTime } from '../time.js';

/** Default and largest page of `GetAbuseReport`. */
const DEFAULT_LIMIT = 1000;

const getAbuseReport: Handler = (ctx, input) => {
  const startText = String(input['StartTime']);
  const endText = String(input['EndTime']);
  const start = parseDateTime(startText, ctx.timeZone);
  // A bare date includes that whole day; a date-time is an inclusive bound to the second.
  const end =
    endText.length === 10
      ? endOfDayExclusive(endText, ctx.timeZone)
      : (parseDateTime(endText, ctx.timeZone) ?? Number.NaN) + 1000;
  if (start === undefined)
    throw ctx.apiError('InvalidParameter.InvalidStartTimeFormat', `StartTime ${startText} is not a date.`);
  if (end === undefined || Number.isNaN(end)) {
    throw ctx.apiError('InvalidParameter.InvalidEndTimeFormat', `EndTime ${endText} is not a date.`);
  }
  const where = ['complain_time >= ?', 'complain_time < ?'];
  const args: unknown[] = [start, end];
  const filters: [string, string][] = [
    ['FromDomain', 'from_domain'],
    ['FromAddress', 'original_mail_from'],
    ['Mta', 'mta'],
    ['ToAddress', 'original_rcpt_to'],
    ['TemplateId', 'template_id'],
  ];
  for (const [field, column] of filters) {
    const value = input[field];
    if (typeof value === 'string' && value !== '') {
      where.push(`${column} = ?`);
      args.push(field === 'TemplateId' ? value : value.toLowerCase());
    }
  }
  const clause = where.join(' AND ');
  const rows = ctx.db
    .prepare(
      `SELECT * FROM abuse_reports WHERE ${clause} ORDER BY complain_time DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, input['Limit'] ?? DEFAULT_LIMIT, input['Offset'] ?? 0) as Record<
    string,
    string | number | null
  >[];
  const total = ctx.db
    .prepare(`SELECT COUNT(*) FROM abuse_reports WHERE ${clause}`)
    .pluck()
    .get(...args) as number;
  const time = (value: string | number | null | undefined) =>
    typeof value === 'number' ? formatDateTime(value, ctx.timeZone) : '';
  return {
    Data: rows.map((row) => ({
      DeliverTime: time(row['deliver_time']),
      OriginalMailFrom: String(row['original_mail_from']),
      OriginalRcptTo: String(row['original_rcpt_to']),
      FromDomain: String(row['from_domain']),
      ComplainTime: time(row['complain_time']),
      Mta: String(row['mta']),
      SourceIp: String(row['source_ip']),
      InsertTime: time(row['insert_time']),
      TemplateId: String(row['template_id']),
      BulkId: String(row['bulk_id']),
      MessageId: String(row['message_id']),
      AbuseTime: time(row['abuse_time']),
      Subject: String(row['subject']),
    })),
    TotalCount: total,
  };
};

/** Abuse (spam-complaint) report actions. */
export const abuseReportHandlers: Record<string, Handler> = { GetAbuseReport: getAbuseReport };

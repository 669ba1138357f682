import type { Handler } from '../context.js';
import { endOfDayExclusive, formatDateTime, parseDateTime } from '../time.js';

// The bounce blacklist is maintained by the sending engine (hard bounces add addresses); users
// list it by bounce date and remove addresses they know are valid again.

const listBlackEmailAddress: Handler = (ctx, input) => {
  const start = parseDateTime(String(input['StartDate']), ctx.timeZone);
  const end = endOfDayExclusive(String(input['EndDate']), ctx.timeZone);
  if (start === undefined || end === undefined || end <= start) {
    throw ctx.apiError('InvalidParameterValue.WrongDate', 'EndDate must not be earlier than StartDate.');
  }
  const where = ['bounce_time >= ?', 'bounce_time < ?'];
  const args: unknown[] = [start, end];
  if (typeof input['EmailAddress'] === 'string' && input['EmailAddress'] !== '') {
    where.push('email = ?');
    args.push(input['EmailAddress'].toLowerCase());
  }
  const clause = where.join(' AND ');
  const rows = ctx.db
    .prepare(
      `SELECT email, bounce_time, isp_desc FROM bounce_blacklist WHERE ${clause}
       ORDER BY bounce_time DESC, email LIMIT ? OFFSET ?`,
    )
    .all(...args, input['Limit'], input['Offset']) as {
    email: string;
    bounce_time: number;
    isp_desc: string;
  }[];
  const total = ctx.db
    .prepare(`SELECT COUNT(*) FROM bounce_blacklist WHERE ${clause}`)
    .pluck()
    .get(...args) as number;
  return {
    BlackList: rows.map((row) => ({
      BounceTime: formatDateTime(row.bounce_time, ctx.timeZone),
      EmailAddress: row.email,
      IspDesc: row.isp_desc,
    })),
    TotalCount: total,
  };
};

const deleteBlackList: Handler = (ctx, input) =>
  ctx.write(() => {
    const remove = ctx.db.prepare('DELETE FROM bounce_blacklist WHERE email = ?');
    for (const email of input['EmailAddressList'] as string[]) remove.run(email.toLowerCase());
    return {};
  });

/** Bounce-blacklist actions. */
export const blacklistHandlers: Record<string, Handler> = {
  ListBlackEmailAddress: listBlackEmailAddress,
  DeleteBlackList: deleteBlackList,
};

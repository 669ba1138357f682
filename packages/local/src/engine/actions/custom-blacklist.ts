import { isEmailAddress } from '@ses-cli/sdk';
import type { EngineContext, Handler } from '../context.js';
import { formatDate, formatDateTime } from '../time.js';

/** Longest address accepted; longer ones count in `TooLongCount`. @unit characters */
const MAX_EMAIL_LENGTH = 254;
/** Most addresses per `CreateCustomBlacklist` call (the service's cap is undocumented). */
const MAX_PER_CALL = 20_000;

/** An expiry date must not lie before today (in the engine's time zone). */
function checkExpireDate(ctx: EngineContext, value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  if (value < formatDate(ctx.now().getTime(), ctx.timeZone)) {
    throw ctx.apiError('InvalidParameterValue.WrongDate', `ExpireDate ${value} is in the past.`);
  }
  return value;
}

const createCustomBlacklist: Handler = (ctx, input) => {
  const emails = input['Emails'] as string[];
  if (emails.length > MAX_PER_CALL) {
    throw ctx.apiError(
      'LimitExceeded.ReceiverDetailRequestLimit',
      `At most ${MAX_PER_CALL} addresses per call; got ${emails.length}.`,
    );
  }
  const expire = checkExpireDate(ctx, input['ExpireDate']);
  const today = formatDate(ctx.now().getTime(), ctx.timeZone);
  return ctx.write(() => {
    const existing = ctx.db.prepare('SELECT id, expire_date FROM custom_blacklist WHERE email = ?');
    const insert = ctx.db.prepare(
      'INSERT INTO custom_blacklist (email, expire_date, created_at) VALUES (?, ?, ?)',
    );
    const renew = ctx.db.prepare('UPDATE custom_blacklist SET expire_date = ? WHERE id = ?');
    const now = ctx.now().getTime();
    const counts = {
      TotalCount: emails.length,
      ValidCount: 0,
      TooLongCount: 0,
      RepeatCount: 0,
      InvalidCount: 0,
    };
    for (const raw of emails) {
      const email = raw.trim().toLowerCase();
      if (email.length > MAX_EMAIL_LENGTH) counts.TooLongCount += 1;
      else if (!isEmailAddress(email)) counts.InvalidCount += 1;
      else {
        const entry = existing.get(email) as { id: number; expire_date: string | null } | undefined;
        // An active entry is a repeat; an expired one is blocked again with the new expiry date.
        if (entry && (entry.expire_date === null || entry.expire_date >= today)) counts.RepeatCount += 1;
        else {
          if (entry) renew.run(expire, entry.id);
          else insert.run(email, expire, now);
          counts.ValidCount += 1;
        }
      }
    }
    return counts;
  });
};

/** `Status` of an entry at emulated now: 1 active, 0 expired (the expiry day itself is still active). */
function statusSql(): string {
  return 'CASE WHEN expire_date IS NULL OR expire_date >= ? THEN 1 ELSE 0 END';
}

const listCustomBlacklist: Handler = (ctx, input) => {
  const today = formatDate(ctx.now().getTime(), ctx.timeZone);
  const where: string[] = [];
  const args: unknown[] = [];
  if (input['Status'] === 0 || input['Status'] === 1) {
    where.push(`${statusSql()} = ?`);
    args.push(today, input['Status']);
  }
  if (typeof input['Email'] === 'string' && input['Email'] !== '') {
    where.push('email = ?');
    args.push(input['Email'].toLowerCase());
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = ctx.db
    .prepare(
      `SELECT id, email, expire_date, created_at, ${statusSql()} AS status FROM custom_blacklist ${clause}
       ORDER BY id DESC LIMIT ? OFFSET ?`,
    )
    .all(today, ...args, input['Limit'], input['Offset']) as {
    id: number;
    email: string;
    expire_date: string | null;
    created_at: number;
    status: number;
  }[];
  const total = ctx.db
    .prepare(`SELECT COUNT(*) FROM custom_blacklist ${clause}`)
    .pluck()
    .get(...args) as number;
  return {
    TotalCount: total,
    Data: rows.map((row) => ({
      Id: row.id,
      Email: row.email,
      CreateTime: formatDateTime(row.created_at, ctx.timeZone),
      ExpireDate: row.expire_date ?? '',
      Status: row.status,
    })),
  };
};

const updateCustomBlackList: Handler = (ctx, input) => {
  const email = String(input['Email']).toLowerCase();
  const expire = checkExpireDate(ctx, input['ExpireDate']);
  return ctx.write(() => {
    const other = ctx.db.prepare('SELECT id FROM custom_blacklist WHERE email = ?').pluck().get(email) as
      | number
      | undefined;
    if (other !== undefined && other !== input['Id']) {
      throw ctx.apiError(
        'InvalidParameterValue',
        `${email} is already on the custom blacklist (Id ${other}).`,
      );
    }
    const result = ctx.db
      .prepare('UPDATE custom_blacklist SET email = ?, expire_date = ? WHERE id = ?')
      .run(email, expire, input['Id']);
    if (result.changes === 0) {
      throw ctx.apiError('InvalidParameterValue', `No custom blacklist entry has Id ${String(input['Id'])}.`);
    }
    return {};
  });
};

const deleteCustomBlackList: Handler = (ctx, input) =>
  ctx.write(() => {
    const remove = ctx.db.prepare('DELETE FROM custom_blacklist WHERE email = ?');
    for (const email of input['Emails'] as string[]) remove.run(email.trim().toLowerCase());
    return {};
  });

/** Custom-blacklist actions. */
export const customBlacklistHandlers: Record<string, Handler> = {
  CreateCustomBlacklist: createCustomBlacklist,
  ListCustomBlacklist: listCustomBlacklist,
  UpdateCustomBlackList: updateCustomBlackList,
  DeleteCustomBlackList: deleteCustomBlackList,
};

import type { Handler } from '../context.js';
import { VISIBLE_DETAIL } from '../lookups.js';
import { endOfDayExclusive, formatDateTime, parseDateTime } from '../time.js';
import { RECEIVER_STATUS, requireReceiver } from './receiver-common.js';

/** Longest recipient-group name accepted. @unit characters */
const MAX_NAME = 200;
/** Longest description accepted. @unit characters */
const MAX_DESC = 300;

const ILLEGAL_TEXT = /[\p{Cc}<>"'`\\]/u;

/** Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` substring match. */
function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const createReceiver: Handler = (ctx, input) => {
  const name = String(input['ReceiversName']);
  if (name.trim() === '' || [...name].length > MAX_NAME || ILLEGAL_TEXT.test(name)) {
    throw ctx.apiError(
      'InvalidParameterValue.ReceiverNameIllegal',
      `ReceiversName must be 1–${MAX_NAME} characters without control characters or < > " ' \` \\.`,
    );
  }
  const desc = typeof input['Desc'] === 'string' ? input['Desc'] : undefined;
  if (desc !== undefined && (desc.trim() === '' || [...desc].length > MAX_DESC || ILLEGAL_TEXT.test(desc))) {
    throw ctx.apiError(
      'InvalidParameterValue.ReceiverDescIllegal',
      `Desc must be 1–${MAX_DESC} characters without control characters or < > " ' \` \\.`,
    );
  }
  return ctx.write(() => {
    if (ctx.db.prepare('SELECT 1 FROM receivers WHERE name = ?').get(name)) {
      throw ctx.apiError(
        'InvalidParameterValue.RepeatReceiverName',
        `A recipient group named "${name}" already exists.`,
      );
    }
    const result = ctx.db
      .prepare('INSERT INTO receivers (name, description, status, created_at) VALUES (?, ?, ?, ?)')
      .run(name, desc ?? '', RECEIVER_STATUS.awaiting, ctx.now().getTime());
    return { ReceiverId: Number(result.lastInsertRowid) };
  });
};

const listReceivers: Handler = (ctx, input) => {
  const where: string[] = [];
  const args: unknown[] = [];
  if (typeof input['Status'] === 'number') {
    where.push('status = ?');
    args.push(input['Status']);
  }
  if (typeof input['KeyWord'] === 'string' && input['KeyWord'] !== '') {
    where.push("name LIKE ? ESCAPE '\\'");
    args.push(likePattern(input['KeyWord']));
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = ctx.db
    .prepare(
      `SELECT r.id, r.name, r.description, r.status, r.created_at,
        (SELECT COUNT(*) FROM receiver_details d WHERE d.receiver_id = r.id AND ${VISIBLE_DETAIL}) AS count,
        (SELECT COUNT(*) FROM receiver_details d WHERE d.receiver_id = r.id AND ${VISIBLE_DETAIL} AND d.status = 2) AS invalid
       FROM receivers r ${clause} ORDER BY r.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, input['Limit'], input['Offset']) as {
    id: number;
    name: string;
    description: string;
    status: number;
    created_at: number;
    count: number;
    invalid: number;
  }[];
  const total = (
    ctx.db.prepare(`SELECT COUNT(*) AS n FROM receivers ${clause}`).get(...args) as { n: number }
  ).n;
  return {
    TotalCount: total,
    Data: rows.map((row) => ({
      ReceiverId: row.id,
      ReceiversName: row.name,
      Count: row.count,
      Desc: row.description,
      ReceiversStatus: row.status,
      CreateTime: formatDateTime(row.created_at, ctx.timeZone),
      InvalidCount: row.invalid,
    })),
  };
};

const listReceiverDetails: Handler = (ctx, input) => {
  const receiver = requireReceiver(ctx, input['ReceiverId']);
  // Rows of an upload still processing are not listed yet.
  const where = ['receiver_id = ?', 'id < ?'];
  const args: unknown[] = [receiver.id, receiver.pendingFrom ?? Number.MAX_SAFE_INTEGER];
  if (typeof input['Email'] === 'string' && input['Email'] !== '') {
    where.push("email LIKE ? ESCAPE '\\'");
    args.push(likePattern(input['Email']));
  }
  if (typeof input['CreateTimeBegin'] === 'string') {
    where.push('created_at >= ?');
    args.push(parseDateTime(input['CreateTimeBegin'], ctx.timeZone));
  }
  if (typeof input['CreateTimeEnd'] === 'string') {
    const end = input['CreateTimeEnd'];
    // A bare date includes that whole day; a date-time is an inclusive bound to the second.
    where.push('created_at < ?');
    args.push(
      end.length === 10
        ? endOfDayExclusive(end, ctx.timeZone)
        : (parseDateTime(end, ctx.timeZone) ?? 0) + 1000,
    );
  }
  const base = where.join(' AND ');
  const counts = ctx.db
    .prepare(
      `SELECT COUNT(*) FILTER (WHERE status = 1) AS valid, COUNT(*) FILTER (WHERE status = 2) AS invalid
       FROM receiver_details WHERE ${base}`,
    )
    .get(...args) as { valid: number; invalid: number };
  if (typeof input['Status'] === 'number') {
    where.push('status = ?');
    args.push(input['Status']);
  }
  const clause = where.join(' AND ');
  const rows = ctx.db
    .prepare(
      `SELECT id, email, template_data, status, reason, created_at FROM receiver_details
       WHERE ${clause} ORDER BY id LIMIT ? OFFSET ?`,
    )
    .all(...args, input['Limit'], input['Offset']) as {
    id: number;
    email: string;
    template_data: string | null;
    status: number;
    reason: string;
    created_at: number;
  }[];
  const total = (
    ctx.db.prepare(`SELECT COUNT(*) AS n FROM receiver_details WHERE ${clause}`).get(...args) as {
      n: number;
    }
  ).n;
  return {
    TotalCount: total,
    Data: rows.map((row) => ({
      Email: row.email,
      CreateTime: formatDateTime(row.created_at, ctx.timeZone),
      TemplateData: row.template_data ?? '',
      Reason: row.reason,
      Status: row.status,
      EmailId: row.id,
    })),
    ValidCount: counts.valid,
    InvalidCount: counts.invalid,
  };
};

const deleteReceiver: Handler = (ctx, input) =>
  ctx.write(() => {
    const receiver = requireReceiver(ctx, input['ReceiverId']);
    // Explicit rather than relying on ON DELETE CASCADE, so the rows go even where a database was
    // opened without foreign keys.
    ctx.db.prepare('DELETE FROM receiver_details WHERE receiver_id = ?').run(receiver.id);
    ctx.db.prepare('DELETE FROM receivers WHERE id = ?').run(receiver.id);
    return {};
  });

/** Recipient-group actions. */
export const receiverHandlers: Record<string, Handler> = {
  CreateReceiver: createReceiver,
  ListReceivers: listReceivers,
  ListReceiverDetails: listReceiverDetails,
  DeleteReceiver: deleteReceiver,
};

import type { EngineContext } from '../context.js';
import { type TaskRow, toSendTaskData } from './tasks-store.js';

/** `ListSendTasks`: newest first, filtered by status, group and type. */
export function listSendTasks(ctx: EngineContext, input: Record<string, unknown>): Record<string, unknown> {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [field, column] of [
    ['Status', 'status'],
    ['ReceiverId', 'receiver_id'],
    ['TaskType', 'task_type'],
  ] as const) {
    if (typeof input[field] === 'number') {
      where.push(`${column} = ?`);
      params.push(input[field]);
    }
  }
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.db
    .prepare(`SELECT COUNT(*) FROM tasks ${filter}`)
    .pluck()
    .get(...params) as number;
  const rows = ctx.db
    .prepare(`SELECT * FROM tasks ${filter} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...params, Number(input['Limit'] ?? 10), Number(input['Offset'] ?? 0)) as TaskRow[];
  return { TotalCount: total, Data: rows.map((row) => toSendTaskData(row, ctx.timeZone)) };
}

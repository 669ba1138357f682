import type { Column, CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { parseCount } from '../parse/values.js';
import type { Session, Wire } from '../session.js';
import {
  camelize,
  codeOf,
  label,
  listPaged,
  pageOf,
  resolveGroup,
  sleep,
  TASK_STATUS,
  TASK_TYPE,
} from './shared.js';

/** Columns of a task table. */
export const TASK_COLUMNS: readonly Column[] = [
  { key: 'TaskId', header: 'Task', align: 'right' },
  { key: 'TaskType', header: 'Type', format: (v) => label(TASK_TYPE, v) },
  { key: 'TaskStatus', header: 'Status', format: (v) => label(TASK_STATUS, v) },
  { key: 'ReceiversName', header: 'Group' },
  { key: 'RequestCount', header: 'Requested', align: 'right' },
  { key: 'SendCount', header: 'Sent', align: 'right' },
  { key: 'CacheCount', header: 'Cached', align: 'right' },
  { key: 'Subject', header: 'Subject' },
  { key: 'CreateTime', header: 'Created' },
];

/** `tasks list|show|watch`. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  if (input.command === 'tasks list') return list(input, session);
  const id = parseCount(input.args[0], 'task id', { min: 1 });
  if (input.command === 'tasks show') {
    const task = await findTask(session, id);
    return { kind: 'object', value: taskView(task), json: camelize(task) };
  }
  // At least a second between polls: a tight loop would meet the API's rate limit at once.
  const interval = parseCount(input.opts.interval ?? '2', '--interval', { min: 1, max: 3600 });
  return watchTask(session, id, interval * 1000);
}

async function list(input: CommandInput, session: Session): Promise<CommandResult> {
  const filters: Wire = {};
  if (typeof input.opts.status === 'string') filters.Status = codeOf(TASK_STATUS, input.opts.status);
  if (typeof input.opts.type === 'string') filters.TaskType = codeOf(TASK_TYPE, input.opts.type);
  if (typeof input.opts.group === 'string') {
    filters.ReceiverId = Number((await resolveGroup(session, input.opts.group)).ReceiverId);
  }
  const { items, total } = await listPaged(
    session,
    'ListSendTasks',
    'Data',
    'TotalCount',
    pageOf(input),
    filters,
  );
  return {
    kind: 'table',
    rows: items,
    columns: TASK_COLUMNS,
    footer: `${items.length} of ${total} task(s)`,
    empty: 'No send tasks.',
    json: { total, items: camelize(items) },
  };
}

/** Finds one task by id (the API has no per-id read, so this pages through the list). */
export async function findTask(session: Session, id: number): Promise<Wire> {
  const { items } = await listPaged(session, 'ListSendTasks', 'Data', 'TotalCount', {
    limit: 100,
    offset: 0,
    all: true,
  });
  const task = items.find((t) => Number(t.TaskId) === id);
  if (!task) throw new UsageError(`no send task ${id}`);
  return task;
}

/** A task for key/value display. */
export function taskView(task: Wire): Record<string, unknown> {
  return {
    task: task.TaskId,
    type: label(TASK_TYPE, task.TaskType),
    status: label(TASK_STATUS, task.TaskStatus),
    from: task.FromEmailAddress,
    group: `${task.ReceiversName ?? ''} (${task.ReceiverId ?? ''})`,
    subject: task.Subject,
    requested: task.RequestCount,
    sent: task.SendCount,
    cached: task.CacheCount,
    created: task.CreateTime,
    updated: task.UpdateTime,
    ...(task.TimedParam ? { startsAt: (task.TimedParam as Wire).BeginTime } : {}),
    ...(task.CycleParam ? { cycle: task.CycleParam } : {}),
    ...(task.ErrMsg ? { error: task.ErrMsg } : {}),
  };
}

const DONE = new Set([7, 10]);

/**
 * Follows a task until it finishes or fails: a redrawn line on a TTY, one line per change
 * otherwise. On the local backend due work runs between polls, and a task paused for today stops
 * the watch (only time travel resumes it).
 */
export async function watchTask(session: Session, id: number, intervalMs: number): Promise<CommandResult> {
  const local = session.globals.backend === 'local' ? await session.local() : undefined;
  let last = '';
  let task = await findTask(session, id);
  const progress = session.ui.progress(`task ${id}`, Math.max(1, Number(task.RequestCount ?? 0)));
  for (;;) {
    const status = Number(task.TaskStatus);
    const line = `${label(TASK_STATUS, status)} · cached ${task.CacheCount ?? 0}`;
    const sent = Number(task.SendCount ?? 0);
    if (session.ui.interactive || line !== last) progress.update(sent, line);
    last = line;
    if (DONE.has(status) || (local && status === 6) || session.cli.signal?.aborted) break;
    await sleep(intervalMs, session.cli.signal);
    if (local) await local.runDue();
    task = await findTask(session, id);
  }
  progress.done();
  if (local && Number(task.TaskStatus) === 6) {
    session.ui.info('Paused for today by the warm-up quota; `ses-cli local clock advance 1d` resumes it.');
  }
  return { kind: 'object', value: taskView(task), json: camelize(task) };
}

import type { LocalBackend } from '../backend.js';
import { callAction } from './engine-access.js';
import { intParam } from './messages-api.js';
import type { TaskListView, TaskView } from './types.js';

const TYPE_LABELS: Record<number, string> = { 1: 'immediate', 2: 'scheduled', 3: 'recurring' };
const STATUS_LABELS: Record<number, string> = {
  1: 'waiting',
  5: 'sending',
  6: 'paused for today',
  7: 'error',
  10: 'finished',
};

const FINISHED = 10;
// ListSendTasks pages by at most 100.
const MAX_PAGE = 100;

/**
 * `GET /ui/api/tasks?limit=&offset=`: batch tasks from `ListSendTasks`, newest first. With `id=`,
 * only that task (none when there is no such task): the email page links to its task.
 */
export async function listTasks(backend: LocalBackend, params: URLSearchParams): Promise<TaskListView> {
  const limit = intParam(params, 'limit', 20, 1, MAX_PAGE);
  const offset = intParam(params, 'offset', 0, 0, 10_000_000);
  const id = intParam(params, 'id', 0, 1, Number.MAX_SAFE_INTEGER);
  if (id > 0) {
    const task = await findTask(backend, id);
    return { items: task ? [taskView(task)] : [], total: task ? 1 : 0, limit, offset: 0 };
  }
  const answer = await callAction(backend, 'ListSendTasks', { Limit: limit, Offset: offset });
  const data = (answer['Data'] ?? []) as Record<string, unknown>[];
  return { items: data.map(taskView), total: Number(answer['TotalCount'] ?? 0), limit, offset };
}

/** ListSendTasks has no id filter: its pages are read until the task turns up. */
async function findTask(backend: LocalBackend, id: number): Promise<Record<string, unknown> | undefined> {
  for (let offset = 0; ; offset += MAX_PAGE) {
    const answer = await callAction(backend, 'ListSendTasks', { Limit: MAX_PAGE, Offset: offset });
    const data = (answer['Data'] ?? []) as Record<string, unknown>[];
    const found = data.find((task) => task['TaskId'] === id);
    // Newest first: once the page's ids fall below the one sought, it is not there.
    if (found || data.length < MAX_PAGE || data.some((task) => Number(task['TaskId']) < id)) return found;
  }
}

/** One `ListSendTasks` entry in the dashboard's shape. */
export function taskView(task: Record<string, unknown>): TaskView {
  const num = (key: string) => (typeof task[key] === 'number' ? (task[key] as number) : 0);
  const str = (key: string) => (typeof task[key] === 'string' ? (task[key] as string) : '');
  const requested = num('RequestCount');
  const sent = num('SendCount');
  const view: TaskView = {
    id: num('TaskId'),
    type: num('TaskType'),
    typeLabel: TYPE_LABELS[num('TaskType')] ?? 'unknown',
    status: num('TaskStatus'),
    statusLabel: STATUS_LABELS[num('TaskStatus')] ?? 'unknown',
    from: str('FromEmailAddress'),
    subject: str('Subject'),
    receivers: str('ReceiversName'),
    requested,
    sent,
    cached: num('CacheCount'),
    progress: requested > 0 ? Math.min(1, sent / requested) : 0,
    // Only a finished task's shortfall is final; a running one's may still go out.
    notSent: num('TaskStatus') === FINISHED ? Math.max(0, requested - sent - num('CacheCount')) : 0,
    createdAt: str('CreateTime'),
    updatedAt: str('UpdateTime'),
  };
  if (str('ErrMsg')) view.error = str('ErrMsg');
  return view;
}

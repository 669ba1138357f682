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

/** `GET /ui/api/tasks?limit=&offset=`: batch tasks from `ListSendTasks`, newest first. */
export async function listTasks(backend: LocalBackend, params: URLSearchParams): Promise<TaskListView> {
  // ListSendTasks pages by at most 100.
  const limit = intParam(params, 'limit', 20, 1, 100);
  const offset = intParam(params, 'offset', 0, 0, 10_000_000);
  const answer = await callAction(backend, 'ListSendTasks', { Limit: limit, Offset: offset });
  const data = (answer['Data'] ?? []) as Record<string, unknown>[];
  return { items: data.map(taskView), total: Number(answer['TotalCount'] ?? 0), limit, offset };
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
    createdAt: str('CreateTime'),
    updatedAt: str('UpdateTime'),
  };
  if (str('ErrMsg')) view.error = str('ErrMsg');
  return view;
}

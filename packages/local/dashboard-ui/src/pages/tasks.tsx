import { useState } from 'preact/hooks';
import type { TaskListView, TaskView } from '../../../src/dashboard/types.js';
import { getJson } from '../api.js';
import { TaskStatus } from '../components/badges.js';
import { Pager } from '../components/pager.js';
import { ProgressBar } from '../components/progress-bar.js';
import { formatNumber } from '../format.js';
import { POLL_MS, useApi, useOnReset } from '../hooks.js';
import { Link } from '../router.js';

const PAGE = 20;

/**
 * Batch tasks (`ListSendTasks`) with their counters and progress, refreshed every 2 s. With `focus`
 * (`/ui/tasks?id=…`, the link on an email's page) only that task, highlighted.
 */
export function TasksPage(props: { focus?: number | undefined }) {
  const [offset, setOffset] = useState(0);
  useOnReset(() => setOffset(0));
  const { data, error } = useApi(
    () => getJson<TaskListView>('tasks', props.focus ? { id: props.focus } : { limit: PAGE, offset }),
    `${props.focus ?? ''}:${offset}`,
    POLL_MS,
  );
  return (
    <section>
      <h1>
        {props.focus ? `Batch task ${props.focus}` : 'Batch tasks'}{' '}
        {data && !props.focus && <span class="muted">{formatNumber(data.total)} tasks</span>}
      </h1>
      {props.focus && (
        <p>
          <Link href="/ui/tasks">← All tasks</Link>
        </p>
      )}
      {error && <div class="error">{error}</div>}
      <div class="panel table-scroll" style={{ padding: 0 }}>
        <table data-testid="tasks-table">
          <thead>
            <tr>
              <th>Task</th>
              <th>Type</th>
              <th>Status</th>
              <th>From / subject</th>
              <th>Group</th>
              <th class="num">Requested</th>
              <th class="num">Sent</th>
              <th class="num">Cached</th>
              <th>Progress</th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((task) => (
              <TaskRow key={task.id} task={task} focused={task.id === props.focus} />
            ))}
          </tbody>
        </table>
        {data && data.items.length === 0 && (
          <div class="empty">{props.focus ? `There is no task ${props.focus}.` : 'No batch tasks yet.'}</div>
        )}
      </div>
      {data && !props.focus && (
        <Pager total={data.total} limit={data.limit} offset={data.offset} onChange={setOffset} />
      )}
    </section>
  );
}

function TaskRow(props: { task: TaskView; focused: boolean }) {
  const { task } = props;
  return (
    <tr
      data-testid="task-row"
      data-id={task.id}
      class={props.focused ? 'focused' : ''}
      aria-current={props.focused ? 'true' : undefined}
    >
      <td>
        {task.id}
        <div class="muted" style={{ fontSize: '12px' }}>
          {task.createdAt}
        </div>
      </td>
      <td>{task.typeLabel}</td>
      <td>
        <TaskStatus status={task.status} label={task.statusLabel} />
        {task.notSent > 0 && (
          <div class="muted" data-testid="task-not-sent">
            {formatNumber(task.notSent)} not sent
          </div>
        )}
        {task.error && (
          <div class="muted wrap" data-testid="task-error">
            {task.error}
          </div>
        )}
      </td>
      <td>
        {/* Each line cut off on its own, whole in the tooltip. */}
        <div class="ellipsis" title={task.subject}>
          {task.subject}
        </div>
        <div class="muted ellipsis" title={task.from}>
          {task.from}
        </div>
      </td>
      <td>{task.receivers}</td>
      <td class="num" data-testid="task-requested">
        {formatNumber(task.requested)}
      </td>
      <td class="num" data-testid="task-sent">
        {formatNumber(task.sent)}
      </td>
      <td class="num" data-testid="task-cached">
        {formatNumber(task.cached)}
      </td>
      <td style={{ whiteSpace: 'nowrap' }}>
        <ProgressBar value={task.progress} label={`Task ${task.id} progress`} />
      </td>
    </tr>
  );
}

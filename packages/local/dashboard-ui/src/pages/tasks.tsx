import { useState } from 'preact/hooks';
import type { TaskListView } from '../../../src/dashboard/types.js';
import { getJson } from '../api.js';
import { TaskStatus } from '../components/badges.js';
import { Pager } from '../components/pager.js';
import { ProgressBar } from '../components/progress-bar.js';
import { formatNumber } from '../format.js';
import { POLL_MS, useApi } from '../hooks.js';

const PAGE = 20;

/** Batch tasks (`ListSendTasks`) with their counters and progress, refreshed every 2 s. */
export function TasksPage() {
  const [offset, setOffset] = useState(0);
  const { data, error } = useApi(
    () => getJson<TaskListView>('tasks', { limit: PAGE, offset }),
    String(offset),
    POLL_MS,
  );
  return (
    <section>
      <h1>Batch tasks {data && <span class="muted">{formatNumber(data.total)} tasks</span>}</h1>
      {error && <div class="error">{error}</div>}
      <div class="panel" style={{ padding: 0 }}>
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
              <tr key={task.id} data-testid="task-row" data-id={task.id}>
                <td>
                  {task.id}
                  <div class="muted" style={{ fontSize: '12px' }}>
                    {task.createdAt}
                  </div>
                </td>
                <td>{task.typeLabel}</td>
                <td>
                  <TaskStatus status={task.status} label={task.statusLabel} />
                  {task.error && <div class="muted">{task.error}</div>}
                </td>
                <td class="ellipsis">
                  {task.subject}
                  <div class="muted">{task.from}</div>
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
            ))}
          </tbody>
        </table>
        {data && data.items.length === 0 && <div class="empty">No batch tasks yet.</div>}
      </div>
      {data && <Pager total={data.total} limit={data.limit} offset={data.offset} onChange={setOffset} />}
    </section>
  );
}

import { formatDateTime } from '../time.js';

/** Task statuses (reference §4): waiting, sending, paused for today, error, finished. */
export const TASK_STATUS = { waiting: 1, sending: 5, paused: 6, error: 7, finished: 10 } as const;

/** Task types: immediate, scheduled (`TimedParam`), recurring (`CycleParam`). */
export const TASK_TYPE = { immediate: 1, scheduled: 2, recurring: 3 } as const;

/** One `tasks` row. Times are epoch milliseconds. */
export interface TaskRow {
  id: number;
  from_address: string;
  sender_email: string;
  sender_domain: string;
  receiver_id: number;
  receivers_name: string;
  subject: string;
  template_id: number;
  template_data: string;
  task_type: number;
  status: number;
  request_count: number;
  send_count: number;
  cache_count: number;
  reply_to: string | null;
  unsubscribe: string | null;
  ad_location: number;
  attachments: string;
  begin_time: string | null;
  interval_hours: number | null;
  term_cycle: number;
  next_run_at: number | null;
  run_number: number;
  run_total: number;
  run_cursor: number;
  run_last_id: number;
  run_enqueued: number;
  run_done: number;
  resume_at: number | null;
  err_msg: string;
  created_at: number;
  updated_at: number;
}

/** The label `ADLocation` adds to a marketing subject. */
export const AD_LABEL = '<AD>';

/** The subject template of a task with its ad label (`ADLocation` 1 before, 2 after). */
export function taskSubject(task: Pick<TaskRow, 'subject' | 'ad_location'>): string {
  if (task.ad_location === 1) return `${AD_LABEL}${task.subject}`;
  if (task.ad_location === 2) return `${task.subject}${AD_LABEL}`;
  return task.subject;
}

/** A task as `ListSendTasks` answers it (`SendTaskData`). */
export function toSendTaskData(task: TaskRow, timeZone: string): Record<string, unknown> {
  return {
    TaskId: task.id,
    FromEmailAddress: task.from_address,
    ReceiverId: task.receiver_id,
    TaskStatus: task.status,
    TaskType: task.task_type,
    RequestCount: task.request_count,
    SendCount: task.send_count,
    CacheCount: task.cache_count,
    CreateTime: formatDateTime(task.created_at, timeZone),
    UpdateTime: formatDateTime(task.updated_at, timeZone),
    Subject: task.subject,
    Template: { TemplateID: task.template_id, TemplateData: task.template_data },
    CycleParam:
      task.task_type === TASK_TYPE.recurring
        ? {
            BeginTime: task.begin_time ?? '',
            IntervalTime: task.interval_hours ?? 0,
            TermCycle: task.term_cycle,
          }
        : null,
    TimedParam: task.task_type === TASK_TYPE.scheduled ? { BeginTime: task.begin_time ?? '' } : null,
    ErrMsg: task.err_msg,
    ReceiversName: task.receivers_name,
  };
}

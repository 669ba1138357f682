import type { RequestOptions } from '../client.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { PagePromise } from '../core/pagination.js';
import type { WireSendTaskData } from '../operations/send-tasks.js';
import { type CodeTable, codeOf, nameOf } from './shared/codes.js';
import { compact } from './shared/compact.js';
import { fromWireDateTime } from './shared/dates.js';
import { type ListParams, noMeta } from './shared/list.js';
import { Resource } from './shared/resource.js';
import { parseTemplateData } from './shared/template-data.js';

/** Kind of batch task. */
export type TaskType = 'immediate' | 'scheduled' | 'recurring';
/** State of a batch task; `paused-today` means today's quota is used up and the rest waits a day. */
export type TaskStatus = 'waiting' | 'sending' | 'paused-today' | 'error' | 'finished';

const TASK_TYPE: CodeTable<TaskType> = { 1: 'immediate', 2: 'scheduled', 3: 'recurring' };
const TASK_STATUS: CodeTable<TaskStatus> = {
  1: 'waiting',
  5: 'sending',
  6: 'paused-today',
  7: 'error',
  10: 'finished',
};

/** A batch send task (`ListSendTasks` item). */
export interface SendTask {
  readonly id: number;
  readonly from: string;
  readonly groupId: number;
  readonly groupName: string;
  readonly subject: string;
  readonly type: TaskType | 'unknown';
  /** The raw `TaskType`: `1` immediate · `2` scheduled · `3` recurring. */
  readonly typeCode: number;
  readonly status: TaskStatus | 'unknown';
  /** The raw `TaskStatus`: `1` · `5` · `6` · `7` · `10`. */
  readonly statusCode: number;
  /** Mails the task asked for. */
  readonly requestCount: number;
  /** Mails sent so far. */
  readonly sendCount: number;
  /** Mails held back (over today's quota) to be sent later. */
  readonly cacheCount: number;
  readonly template:
    | { readonly id: number; readonly data: Readonly<Record<string, string>> | undefined }
    | undefined;
  /** Scheduled start (`scheduled`), or first run and interval (`recurring`). */
  readonly schedule:
    | { readonly at: Date | undefined }
    | { readonly at: Date | undefined; readonly everyHours: number; readonly stopped: boolean }
    | undefined;
  /** Why the task failed, when it did. */
  readonly error: string | undefined;
  readonly createdAt: Date | undefined;
  readonly updatedAt: Date | undefined;
}

/** Filters of `sendTasks.list`. */
export interface SendTaskListParams extends ListParams {
  readonly status?: TaskStatus | undefined;
  readonly type?: TaskType | undefined;
  readonly groupId?: number | undefined;
}

/** Batch send tasks (`ListSendTasks`): immediate, scheduled and recurring. */
export class SendTasks extends Resource {
  protected override readonly fieldNames = { Status: 'status', TaskType: 'type', ReceiverId: 'groupId' };

  /** Lists tasks, optionally by status, type or recipient group. */
  list(params: SendTaskListParams = {}, options?: RequestOptions): PagePromise<SendTask> {
    // Built per page so a bad filter rejects the returned promise instead of throwing here.
    const filters = () =>
      compact({
        Status:
          params.status === undefined
            ? undefined
            : (code(TASK_STATUS, params.status, 'status') as 1 | 5 | 6 | 7 | 10),
        TaskType: params.type === undefined ? undefined : (code(TASK_TYPE, params.type, 'type') as 1 | 2 | 3),
        ReceiverId: params.groupId,
      });
    return this.pages(
      'ListSendTasks',
      params,
      {
        input: ({ offset, limit }) => ({ ...filters(), Offset: offset, Limit: limit }),
        item: (wire: WireSendTaskData) => toSendTask(wire, this.timeZone),
        meta: noMeta,
      },
      options,
    );
  }

  /**
   * Finds one task by id. The API has no "get task" action, so this pages through `list()`.
   * @throws {NotFoundError} no task has that id
   */
  async get(id: number, options?: RequestOptions): Promise<SendTask> {
    for await (const task of this.list({}, options)) if (task.id === id) return task;
    throw new NotFoundError({
      code: 'ResourceNotFound',
      message: `no send task with id ${id}`,
      action: 'ListSendTasks',
    });
  }
}

function code<N extends string>(table: CodeTable<N>, name: N, field: string): number {
  const value = codeOf(table, name);
  if (value === undefined)
    throw new ValidationError(field, `must be one of ${Object.values(table).join(', ')}`);
  return value;
}

function toSendTask(wire: WireSendTaskData, timeZone: string): SendTask {
  const typeCode = wire.TaskType ?? 0;
  const statusCode = wire.TaskStatus ?? 0;
  return {
    id: wire.TaskId ?? 0,
    from: wire.FromEmailAddress ?? '',
    groupId: wire.ReceiverId ?? 0,
    groupName: wire.ReceiversName ?? '',
    subject: wire.Subject ?? '',
    type: nameOf(TASK_TYPE, typeCode),
    typeCode,
    status: nameOf(TASK_STATUS, statusCode),
    statusCode,
    requestCount: wire.RequestCount ?? 0,
    sendCount: wire.SendCount ?? 0,
    cacheCount: wire.CacheCount ?? 0,
    template: wire.Template
      ? { id: wire.Template.TemplateID ?? 0, data: parseTemplateData(wire.Template.TemplateData) }
      : undefined,
    schedule: wire.CycleParam
      ? {
          at: fromWireDateTime(wire.CycleParam.BeginTime, timeZone),
          everyHours: wire.CycleParam.IntervalTime ?? 0,
          stopped: wire.CycleParam.TermCycle === 1,
        }
      : wire.TimedParam
        ? { at: fromWireDateTime(wire.TimedParam.BeginTime, timeZone) }
        : undefined,
    error: wire.ErrMsg || undefined,
    createdAt: fromWireDateTime(wire.CreateTime, timeZone),
    updatedAt: fromWireDateTime(wire.UpdateTime, timeZone),
  };
}

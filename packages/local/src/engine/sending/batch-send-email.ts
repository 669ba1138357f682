import type { EngineContext } from '../context.js';
import { findReceiver } from '../lookups.js';
import { parseDateTime } from '../time.js';
import {
  BATCH_CODES,
  checkAttachments,
  parseTemplateData,
  resolveSender,
  resolveTemplate,
  unsubscribeLanguage,
} from './content.js';
import { statement } from './statement-cache.js';
import { TASK_STATUS, TASK_TYPE } from './tasks-store.js';

interface BatchInput {
  FromEmailAddress: string;
  ReceiverId: number;
  Subject: string;
  TaskType: 1 | 2 | 3;
  ReplyToAddresses?: string;
  Template?: { TemplateID: number; TemplateData: string };
  Attachments?: unknown;
  CycleParam?: { BeginTime: string; IntervalTime: number; TermCycle?: 0 | 1 };
  TimedParam?: { BeginTime: string };
  Unsubscribe?: string;
  ADLocation?: 0 | 1 | 2;
}

/**
 * `BatchSendEmail`: checks the request and records the task (status 1). Nothing is sent here; the
 * due-work runner starts the task at its begin time (now for an immediate task).
 */
export function batchSendEmail(ctx: EngineContext, raw: Record<string, unknown>): Record<string, unknown> {
  const input = raw as unknown as BatchInput;
  const now = ctx.now().getTime();
  let beginTime: string | undefined;
  let firstRun = now;
  if (input.TaskType === TASK_TYPE.scheduled) {
    if (!input.TimedParam)
      throw ctx.apiError('MissingParameter.TimedParamNecessary', 'TimedParam is required for TaskType 2.');
    beginTime = input.TimedParam.BeginTime;
  } else if (input.TaskType === TASK_TYPE.recurring) {
    if (!input.CycleParam)
      throw ctx.apiError('MissingParameter.CycleParamNecessary', 'CycleParam is required for TaskType 3.');
    beginTime = input.CycleParam.BeginTime;
  }
  if (beginTime !== undefined) {
    const at = parseDateTime(beginTime, ctx.timeZone);
    if (at === undefined)
      throw ctx.apiError('InvalidParameterValue', `BeginTime ${beginTime} is not YYYY-MM-DD HH:mm:ss.`);
    if (at < now)
      throw ctx.apiError(
        'InvalidParameterValue.BeginTimeBeforeNow',
        `BeginTime ${beginTime} is in the past.`,
      );
    firstRun = at;
  }

  const sender = resolveSender(ctx, input.FromEmailAddress, BATCH_CODES);
  const { template, variables } = resolveTemplate(ctx, raw, input.Subject, BATCH_CODES);
  const templateData = input.Template?.TemplateData ?? '{}';
  const data = parseTemplateData(templateData === '' ? '{}' : templateData);
  if (!data) {
    throw ctx.apiError(
      'InvalidParameterValue.TemplateDataError',
      'Template.TemplateData must be a JSON object of strings.',
    );
  }
  const receiver = findReceiver(ctx.db, input.ReceiverId);
  if (!receiver)
    throw ctx.apiError(
      'OperationDenied.ReceiverNotExist',
      `The recipient group ${input.ReceiverId} does not exist.`,
    );
  if (receiver.status !== 3 || receiver.count === 0) {
    throw ctx.apiError(
      'OperationDenied.ReceiverStatusError',
      `The recipient group ${receiver.id} is empty or its upload has not finished (status ${receiver.status}).`,
    );
  }
  // Variables may be filled by the task's TemplateData or by each recipient's uploaded data.
  const available = new Set([...Object.keys(data), ...(receiver.dataKeys ?? [])]);
  const missing = variables.filter((name) => !available.has(name));
  if (missing.length > 0) {
    throw ctx.apiError(
      'InvalidParameterValue.TemplateNotMatchData',
      `Template ${template.id} uses variables the task and the group give no value for: ${missing.join(', ')}.`,
    );
  }
  const attachments = checkAttachments(ctx, input.Attachments);

  const taskId = ctx.write(() =>
    Number(
      statement(
        ctx.db,
        `INSERT INTO tasks (from_address, sender_email, sender_domain, receiver_id, receivers_name, subject,
           template_id, template_data, task_type, status, reply_to, unsubscribe, ad_location, attachments,
           begin_time, interval_hours, term_cycle, next_run_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        sender.fromHeader,
        sender.address,
        sender.domain,
        receiver.id,
        receiver.name,
        input.Subject,
        template.id,
        templateData,
        input.TaskType,
        TASK_STATUS.waiting,
        input.ReplyToAddresses ?? null,
        unsubscribeLanguage(ctx, input.Unsubscribe, sender.address) ?? null,
        input.ADLocation ?? 0,
        JSON.stringify(attachments),
        beginTime ?? null,
        input.CycleParam?.IntervalTime ?? null,
        input.CycleParam?.TermCycle ?? 0,
        firstRun,
        now,
        now,
      ).lastInsertRowid,
    ),
  );
  return { TaskId: taskId };
}

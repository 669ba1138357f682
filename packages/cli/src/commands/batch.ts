import { calendarDateTime, SES_TIME_ZONE } from '@ses-cli/sdk';
import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { withFlagNames } from '../parse/flag-names.js';
import { assertHeaderSafe } from '../parse/header-safe.js';
import { optString, parseCount, parseStartTime } from '../parse/values.js';
import type { Session, Wire } from '../session.js';
import { backendNow, required, resolveGroup, resolveTemplateId } from './shared.js';
import { watchTask } from './tasks.js';
import { templateDataOf } from './template-data.js';

const AD_LOCATION: Readonly<Record<string, number>> = { none: 0, before: 1, after: 2 };

/** `batch`: a BatchSendEmail task, immediate, scheduled (`--at`) or recurring (`--every`). */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const o = input.opts;
  const from = assertHeaderSafe(required(o.from, '--from'), '--from');
  const subject = assertHeaderSafe(required(o.subject, '--subject'), '--subject');
  const replyTo = optString(o.replyTo);
  if (replyTo) assertHeaderSafe(replyTo, '--reply-to');
  const groupRef = required(o.group, '--group');
  const templateRef = required(o.template, '--template');
  const every = o.every === undefined ? undefined : parseCount(o.every, '--every', { min: 1, max: 8760 });
  const now = await backendNow(session);
  const at = optString(o.at) ? parseStartTime(String(o.at), '--at', now, SES_TIME_ZONE) : undefined;
  const data = await templateDataOf(input);
  const group = await resolveGroup(session, groupRef);
  const templateId = await resolveTemplateId(session, templateRef);

  const payload: Wire = {
    FromEmailAddress: from,
    ReceiverId: Number(group.ReceiverId),
    Subject: subject,
    TaskType: every !== undefined ? 3 : at ? 2 : 1,
    Template: { TemplateID: templateId, TemplateData: JSON.stringify(data) },
    ...(replyTo ? { ReplyToAddresses: replyTo } : {}),
    ...(optString(o.unsubscribe) ? { Unsubscribe: o.unsubscribe } : {}),
    ...(typeof o.ad === 'string' ? { ADLocation: AD_LOCATION[o.ad] } : {}),
  };
  if (every !== undefined) {
    // A recurring task needs a start; a minute from now keeps clear of BeginTimeBeforeNow.
    payload.CycleParam = {
      BeginTime: at ?? calendarDateTime(new Date(now.getTime() + 60_000), SES_TIME_ZONE),
      IntervalTime: every,
    };
  } else if (at) {
    payload.TimedParam = { BeginTime: at };
  }
  if (o.watch === true && every !== undefined)
    throw new UsageError('--watch follows one-off tasks, not --every');
  const out = await withFlagNames(
    {
      FromEmailAddress: '--from',
      Subject: '--subject',
      ReplyToAddresses: '--reply-to',
      Unsubscribe: '--unsubscribe',
      Template: '--template/--data',
      TimedParam: '--at',
      CycleParam: '--at/--every',
    },
    () => session.write('BatchSendEmail', payload),
  );
  if (!out) return { kind: 'message', message: 'dry run' };
  const taskId = Number(out.TaskId);
  const kind =
    every !== undefined
      ? `recurring every ${every}h from ${(payload.CycleParam as Wire).BeginTime}`
      : at
        ? `scheduled for ${at}`
        : 'immediate';
  session.ui.info(
    `Task ${taskId} created (${kind}) for group "${group.ReceiversName}" (${group.Count ?? '?'} recipients)`,
  );
  if (o.watch === true) {
    if (session.globals.backend === 'local') await (await session.local()).runDue();
    return watchTask(session, taskId, 1000);
  }
  return { kind: 'object', value: { taskId, type: kind, group: group.ReceiversName }, json: { taskId } };
}

import { basename } from 'node:path';
import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { optString, readUserFile } from '../parse/values.js';
import type { Session, Wire } from '../session.js';
import { required, resolveTemplateId } from './shared.js';
import { templateDataOf } from './template-data.js';

const list = (value: unknown) => (Array.isArray(value) ? (value as string[]) : []);

/** `send`: one SendEmail call. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const o = input.opts;
  const from = required(o.from, '--from');
  const subject = required(o.subject, '--subject');
  const to = list(o.to);
  const cc = list(o.cc);
  const bcc = list(o.bcc);
  if (to.length + cc.length + bcc.length === 0) throw new UsageError('give at least one --to, --cc or --bcc');
  if (to.length > 50) throw new UsageError(`--to: at most 50 recipients, got ${to.length}`);
  const templateRef = required(o.template, '--template');
  const data = await templateDataOf(input);
  const attachments: Wire[] = [];
  for (const file of list(o.attach)) {
    const content = await readUserFile(file, '--attach');
    attachments.push({ FileName: basename(file), Content: content.toString('base64') });
  }
  const templateId = await resolveTemplateId(session, templateRef);
  const payload: Wire = {
    FromEmailAddress: from,
    Subject: subject,
    ...(to.length ? { Destination: to } : {}),
    ...(cc.length ? { Cc: cc } : {}),
    ...(bcc.length ? { Bcc: bcc } : {}),
    Template: { TemplateID: templateId, TemplateData: JSON.stringify(data) },
    ...(optString(o.replyTo) ? { ReplyToAddresses: o.replyTo } : {}),
    ...(attachments.length ? { Attachments: attachments } : {}),
    ...(optString(o.unsubscribe) ? { Unsubscribe: o.unsubscribe } : {}),
    ...(o.trigger === true ? { TriggerType: 1 } : {}),
  };
  const out = await session.write('SendEmail', payload);
  const messageId = String(out?.MessageId ?? '');
  return {
    kind: 'object',
    value: { messageId, to: [...to, ...cc, ...bcc].join(', ') },
    json: { messageId, requestId: out?.RequestId ?? null },
  };
}

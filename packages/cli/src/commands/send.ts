import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { withFlagNames } from '../parse/flag-names.js';
import { assertHeaderSafe, printable } from '../parse/header-safe.js';
import { formatBytes, optString, readUserFile } from '../parse/values.js';
import type { Session, Wire } from '../session.js';
import { required, resolveTemplateId } from './shared.js';
import { templateDataOf } from './template-data.js';

/** Wire fields of SendEmail → the flags they come from. */
const SEND_FLAGS = {
  FromEmailAddress: '--from',
  Subject: '--subject',
  Destination: '--to',
  Cc: '--cc',
  Bcc: '--bcc',
  ReplyToAddresses: '--reply-to',
  Attachments: '--attach',
  Unsubscribe: '--unsubscribe',
  Template: '--template/--data',
};

const list = (value: unknown) => (Array.isArray(value) ? (value as string[]) : []);

/** The service's limits: attachments total at most 4 MB of raw data, at most 10 files. */
export const MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;
const MAX_ATTACHMENTS = 10;

/** `send`: one SendEmail call. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const o = input.opts;
  const from = assertHeaderSafe(required(o.from, '--from'), '--from');
  const subject = assertHeaderSafe(required(o.subject, '--subject'), '--subject');
  const replyTo = optString(o.replyTo);
  if (replyTo) assertHeaderSafe(replyTo, '--reply-to');
  const to = list(o.to);
  const cc = list(o.cc);
  const bcc = list(o.bcc);
  if (to.length + cc.length + bcc.length === 0) throw new UsageError('give at least one --to, --cc or --bcc');
  if (to.length > 50) throw new UsageError(`--to: at most 50 recipients, got ${to.length}`);
  const templateRef = required(o.template, '--template');
  const data = await templateDataOf(input);
  const attachments = await readAttachments(list(o.attach));
  const templateId = await resolveTemplateId(session, templateRef);
  const payload: Wire = {
    FromEmailAddress: from,
    Subject: subject,
    ...(to.length ? { Destination: to } : {}),
    ...(cc.length ? { Cc: cc } : {}),
    ...(bcc.length ? { Bcc: bcc } : {}),
    Template: { TemplateID: templateId, TemplateData: JSON.stringify(data) },
    ...(replyTo ? { ReplyToAddresses: replyTo } : {}),
    ...(attachments.length ? { Attachments: attachments } : {}),
    ...(optString(o.unsubscribe) ? { Unsubscribe: o.unsubscribe } : {}),
    ...(o.trigger === true ? { TriggerType: 1 } : {}),
  };
  const out = await withFlagNames(SEND_FLAGS, () => session.write('SendEmail', payload));
  const messageId = String(out?.MessageId ?? '');
  return {
    kind: 'object',
    value: { messageId, to: [...to, ...cc, ...bcc].join(', ') },
    json: { messageId, requestId: out?.RequestId ?? null },
  };
}

/**
 * Reads `--attach` files: their names become `Content-Disposition` parameters, so they must be
 * header-safe; sizes are checked from `stat` before any file is read, against the service's limit.
 */
async function readAttachments(files: readonly string[]): Promise<Wire[]> {
  if (files.length > MAX_ATTACHMENTS) {
    throw new UsageError(`--attach: at most ${MAX_ATTACHMENTS} attachments, got ${files.length}`);
  }
  let total = 0;
  for (const file of files) {
    assertHeaderSafe(basename(file), `--attach: file name "${printable(basename(file))}"`);
    const size = await stat(file).then(
      (info) => info.size,
      () => 0, // readUserFile below reports a missing or unreadable file
    );
    total += size;
    if (total > MAX_ATTACHMENT_BYTES) {
      throw new UsageError(
        `--attach: "${printable(file)}" brings the attachments to ${formatBytes(total)}; the service takes at most ${formatBytes(MAX_ATTACHMENT_BYTES)} in total`,
      );
    }
  }
  const attachments: Wire[] = [];
  for (const file of files) {
    const content = await readUserFile(file, '--attach');
    attachments.push({ FileName: basename(file), Content: content.toString('base64') });
  }
  return attachments;
}

import { Buffer } from 'node:buffer';
import type { RequestOptions } from '../client.js';
import { ValidationError } from '../core/errors.js';
import { extractVariables } from '../helpers/template.js';
import { charLength, isEmailAddress, isHeaderSafe, parseMailbox } from '../operations/common.js';
import { MAX_ATTACHMENTS, MAX_CC, MAX_DESTINATION } from '../operations/sending.js';
import type {
  AdLocation,
  AttachmentInput,
  BatchSchedule,
  BatchSendParams,
  BatchSendResult,
  SendEmailParams,
  SendEmailResult,
  TemplateRef,
} from './emails.types.js';
import { compact } from './shared/compact.js';
import { toWireDateTime } from './shared/dates.js';
import { Resource } from './shared/resource.js';
import { serializeTemplateData } from './shared/template-data.js';
import { unsubscribeCode } from './shared/unsubscribe.js';

export type * from './emails.types.js';

/** Wire field → public name, for errors raised by the wire layer's own checks. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  FromEmailAddress: 'from',
  Destination: 'to',
  Cc: 'cc',
  Bcc: 'bcc',
  ReplyToAddresses: 'replyTo',
  Subject: 'subject',
  Template: 'template',
  Attachments: 'attachments',
  Unsubscribe: 'unsubscribe',
  ReceiverId: 'groupId',
  CycleParam: 'schedule',
  TimedParam: 'schedule',
  ADLocation: 'adLocation',
  SmtpHeaders: 'headers',
  SmtpMessageId: 'smtpMessageId',
  HeaderFrom: 'headerFrom',
};

type WireTemplateRef = { TemplateID: number; TemplateData: string };

const AD_LOCATION: Readonly<Record<AdLocation, 0 | 1 | 2>> = { none: 0, prefix: 1, suffix: 2 };
const MAX_SUBJECT_CHARS = 100;
const MAX_FILENAME_CHARS = 255;
/** Default first run of a recurring batch: a little ahead, so it is not "before now" on arrival. */
const RECURRING_START_DELAY_MS = 60_000;

/** Sending: one mail (`SendEmail`) or a batch task to a recipient group (`BatchSendEmail`). */
export class Emails extends Resource {
  protected override readonly fieldNames = FIELD_NAMES;

  /**
   * Sends one templated mail. Every documented rule is checked before anything is sent.
   * Not retried after an ambiguous failure (no idempotency token exists).
   * @throws {ValidationError} naming the field (`to`, `template.data`, `attachments.0.filename`, …)
   * @example
   * const { messageId } = await ses.emails.send({ from: 'Acme <noreply@mail.acme.com>', to: 'ana@example.com',
   *   subject: 'Your code', template: { id: 100, data: { code: '123456' } }, trigger: true });
   */
  async send(params: SendEmailParams, options?: RequestOptions): Promise<SendEmailResult> {
    checkSender(params.from, 'from');
    const to = addressList(params.to, 'to', MAX_DESTINATION);
    const cc = addressList(params.cc, 'cc', MAX_CC);
    const bcc = addressList(params.bcc, 'bcc', MAX_CC);
    if (to.length + cc.length + bcc.length === 0) {
      throw new ValidationError('to', 'at least one recipient in to, cc or bcc');
    }
    const inTo = new Set(to.map((a) => a.toLowerCase()));
    const overlap = bcc.find((a) => inTo.has(a.toLowerCase()));
    if (overlap !== undefined) throw new ValidationError('bcc', `must not repeat a to address (${overlap})`);
    checkReplyTo(params.replyTo);
    checkSubject(params.subject);
    const payload = compact({
      FromEmailAddress: params.from,
      Destination: to.length > 0 ? to : undefined,
      Cc: cc.length > 0 ? cc : undefined,
      Bcc: bcc.length > 0 ? bcc : undefined,
      ReplyToAddresses: params.replyTo,
      Subject: params.subject,
      Template: this.#template(params.template, params.subject, 'send'),
      Attachments: params.attachments === undefined ? undefined : attachments(params.attachments),
      Unsubscribe:
        params.unsubscribe === undefined
          ? undefined
          : unsubscribeCode(params.unsubscribe, 'unsubscribe', this.site),
      TriggerType: params.trigger === undefined ? undefined : params.trigger ? 1 : 0,
      SmtpHeaders: params.headers === undefined ? undefined : smtpHeaders(params.headers),
      SmtpMessageId: params.smtpMessageId,
      HeaderFrom: params.headerFrom,
    } as const);
    const out = await this.invoke('SendEmail', payload, options);
    return { messageId: out.MessageId ?? '', requestId: out.RequestId };
  }

  /**
   * Starts a batch task sending a template to every recipient of a group: now, at a time, or
   * every N hours. The group's upload must be complete (`recipientGroups.waitUntilUploaded`).
   * @throws {ValidationError} naming the field
   * @example
   * const { taskId } = await ses.emails.batchSend({ from: 'news@mail.acme.com', groupId: 12,
   *   subject: 'June news', template: { id: 101 }, schedule: { at: new Date('2026-06-01T09:00:00+08:00') } });
   */
  async batchSend(params: BatchSendParams, options?: RequestOptions): Promise<BatchSendResult> {
    checkSender(params.from, 'from');
    checkReplyTo(params.replyTo);
    checkSubject(params.subject);
    if (!Number.isInteger(params.groupId) || params.groupId < 0) {
      throw new ValidationError('groupId', 'must be a recipient group id');
    }
    const adLocation = params.adLocation === undefined ? undefined : AD_LOCATION[params.adLocation];
    if (params.adLocation !== undefined && adLocation === undefined) {
      throw new ValidationError('adLocation', 'must be none, prefix or suffix');
    }
    const payload = compact({
      FromEmailAddress: params.from,
      ReceiverId: params.groupId,
      Subject: params.subject,
      ReplyToAddresses: params.replyTo,
      Template: this.#template(params.template, params.subject, 'batch'),
      Unsubscribe:
        params.unsubscribe === undefined
          ? undefined
          : unsubscribeCode(params.unsubscribe, 'unsubscribe', this.site),
      ADLocation: adLocation,
      ...schedule(params.schedule, this.timeZone, this.now()),
    });
    const out = await this.invoke('BatchSendEmail', payload, options);
    return { taskId: out.TaskId ?? 0, requestId: out.RequestId };
  }

  /**
   * Checks and serialises the template reference. For a single send, the data must cover exactly the
   * variables of a template this client knows; a batch may leave some to per-recipient group data,
   * so there only unknown keys are refused.
   */
  #template(template: TemplateRef, subject: string, mode: 'send' | 'batch'): WireTemplateRef {
    if (typeof template !== 'object' || template === null) {
      throw new ValidationError('template', 'must be { id, data? }');
    }
    if (!Number.isInteger(template.id) || template.id < 0) {
      throw new ValidationError('template.id', 'must be a template id');
    }
    const bodyVariables = this.client.templates.knownVariables(template.id);
    // The subject is filled from the same data, so its variables are allowed keys too.
    const known = bodyVariables && [...new Set([...bodyVariables, ...extractVariables(subject)])];
    if (mode === 'batch' && known && template.data) {
      const unknown = Object.keys(template.data).filter((key) => !known.includes(key));
      if (unknown.length > 0) {
        throw new ValidationError('template.data', `keys not used by the template: ${unknown.join(', ')}`);
      }
    }
    const data = serializeTemplateData(template.data, 'template.data', mode === 'send' ? known : undefined);
    return { TemplateID: template.id, TemplateData: data };
  }
}

function checkSender(from: string, field: string): void {
  const parsed = typeof from === 'string' ? parseMailbox(from) : { error: 'must be a string' };
  if ('error' in parsed) throw new ValidationError(field, parsed.error);
}

function checkReplyTo(replyTo: string | undefined): void {
  if (replyTo !== undefined && !isEmailAddress(replyTo)) {
    throw new ValidationError('replyTo', 'must be one valid email address');
  }
}

function checkSubject(subject: string): void {
  const length = typeof subject === 'string' ? charLength(subject) : 0;
  if (length < 1 || length > MAX_SUBJECT_CHARS) {
    throw new ValidationError('subject', `must be 1–${MAX_SUBJECT_CHARS} characters`);
  }
}

function addressList(value: string | readonly string[] | undefined, field: string, max: number): string[] {
  const list = value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
  if (list.length > max) throw new ValidationError(field, `at most ${max} recipients (got ${list.length})`);
  list.forEach((address, i) => {
    if (typeof address !== 'string' || !isEmailAddress(address)) {
      throw new ValidationError(`${field}.${i}`, 'must be a valid email address');
    }
  });
  return list;
}

function attachments(list: readonly AttachmentInput[]): { FileName: string; Content: string }[] {
  if (list.length > MAX_ATTACHMENTS) {
    throw new ValidationError('attachments', `at most ${MAX_ATTACHMENTS} attachments (got ${list.length})`);
  }
  return list.map((file, i) => {
    const name = file.filename;
    if (typeof name !== 'string' || name === '' || charLength(name) > MAX_FILENAME_CHARS) {
      throw new ValidationError(`attachments.${i}.filename`, `must be 1–${MAX_FILENAME_CHARS} characters`);
    }
    if (!isHeaderSafe(name)) {
      throw new ValidationError(`attachments.${i}.filename`, 'must not contain CR or LF (header injection)');
    }
    const bytes =
      typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
    return { FileName: name, Content: bytes.toString('base64') };
  });
}

// A header field name (RFC 5322 §2.2): printable ASCII except the colon.
const HEADER_NAME = /^[!-9;-~]+$/;

/** Extra headers as the API takes them, a JSON object; names and values checked against injection. */
function smtpHeaders(headers: Readonly<Record<string, string>>): string {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      throw new ValidationError(
        'headers',
        `${JSON.stringify(name)} is not a header name (printable ASCII, no spaces or ":")`,
      );
    }
    if (typeof value !== 'string' || !isHeaderSafe(value)) {
      throw new ValidationError(`headers.${name}`, 'must be a string without CR or LF (header injection)');
    }
  }
  return JSON.stringify(headers);
}

/** The task type and timing of a batch; times go out as wall clock in `timeZone`. */
function schedule(value: BatchSchedule | undefined, timeZone: string, now: Date) {
  if (value === undefined) return { TaskType: 1 as const };
  if (value.every === undefined) {
    if (value.stop !== undefined) {
      throw new ValidationError('schedule.stop', 'belongs to a recurring schedule (with every)');
    }
    return {
      TaskType: 2 as const,
      TimedParam: { BeginTime: toWireDateTime(value.at, 'schedule.at', timeZone) },
    };
  }
  if (!Number.isInteger(value.every) || value.every < 1) {
    throw new ValidationError('schedule.every', 'must be a whole number of hours, at least 1');
  }
  const at = value.at ?? new Date(now.getTime() + RECURRING_START_DELAY_MS);
  return {
    TaskType: 3 as const,
    CycleParam: compact({
      BeginTime: toWireDateTime(at, 'schedule.at', timeZone),
      IntervalTime: value.every,
      TermCycle: value.stop === undefined ? undefined : value.stop ? (1 as const) : (0 as const),
    }),
  };
}

import { renderTemplate } from '@ses-cli/sdk';
import {
  type BatchComposer,
  type BatchRecipient,
  type BatchShared,
  createBatchComposer,
} from '../../delivery/batch-compose.js';
import { type ComposedMessage, type ComposeInput, composeMessage } from '../../delivery/compose.js';
import type { DkimSigningKey } from '../../delivery/dkim-sign.js';
import type { EngineContext } from '../context.js';
import { findTemplate } from '../lookups.js';
import { parseTemplateData, type StoredAttachment } from './content.js';
import type { EmailRow } from './emails.js';
import { signingKeys } from './signing-keys.js';
import { statement } from './statement-cache.js';
import { type TaskRow, taskSubject } from './tasks-store.js';

/** What a SendEmail stores to (re)compose its message after a restart: everything already rendered. */
export interface SendPayload {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject: string;
  html?: string;
  text?: string;
  attachments: StoredAttachment[];
  unsubscribe?: string;
  headers?: Record<string, string>;
}

interface TaskContent {
  from: string;
  replyTo: string | undefined;
  subject: string;
  html: string | undefined;
  text: string | undefined;
  data: Record<string, string>;
  unsubscribe: string | undefined;
  attachments: { filename: string; content: Buffer }[];
  /** The task's composer (no attachments), or why its shared parts cannot be composed. */
  batch: BatchComposer | Error | undefined;
}

/**
 * Per-drain memo: a task's template and attachments are decoded once, not once per recipient, a
 * domain's DKIM keys are looked up once, and a task without attachments gets one batch composer.
 */
export class ComposeCache {
  private readonly tasks = new Map<number, TaskContent>();
  private readonly keys = new Map<string, DkimSigningKey[]>();
  /** The Date header of the messages composed in this pass (reading the clock hits the database). */
  readonly date: Date;
  /** Base of the tracking and unsubscribe URLs, without a trailing slash. */
  readonly baseUrl: string;

  constructor(private readonly ctx: EngineContext) {
    this.date = ctx.now();
    this.baseUrl = ctx.options.trackingBaseUrl.replace(/\/+$/, '');
  }

  dkim(domain: string): DkimSigningKey[] {
    let keys = this.keys.get(domain);
    if (!keys) {
      keys = signingKeys(this.ctx.db, domain);
      this.keys.set(domain, keys);
    }
    return keys;
  }

  task(taskId: number, senderDomain: string): TaskContent {
    let content = this.tasks.get(taskId);
    if (!content) {
      const task = statement(this.ctx.db, 'SELECT * FROM tasks WHERE id = ?').get(taskId) as
        | TaskRow
        | undefined;
      if (!task) throw new Error(`task ${taskId} no longer exists`);
      const template = findTemplate(this.ctx.db, task.template_id);
      if (!template) throw new Error(`template ${task.template_id} no longer exists`);
      const attachments = JSON.parse(task.attachments) as StoredAttachment[];
      content = {
        from: task.from_address,
        replyTo: task.reply_to ?? undefined,
        subject: taskSubject(task),
        html: template.html,
        text: template.text,
        data: parseTemplateData(task.template_data) ?? {},
        unsubscribe: task.unsubscribe ?? undefined,
        attachments: attachments.map((a) => ({
          filename: a.filename,
          content: Buffer.from(a.content, 'base64'),
        })),
        batch: undefined,
      };
      // Attachments need the MIME tree of the full composer; everything else is spliced per recipient.
      if (content.attachments.length === 0) content.batch = this.batchComposer(content, senderDomain);
      this.tasks.set(taskId, content);
    }
    return content;
  }

  private batchComposer(content: TaskContent, senderDomain: string): BatchComposer | Error {
    const shared: BatchShared = { from: content.from, trackingBaseUrl: this.baseUrl };
    if (content.replyTo !== undefined) shared.replyTo = content.replyTo;
    if (content.unsubscribe !== undefined) shared.unsubscribeLanguage = content.unsubscribe;
    const keys = this.dkim(senderDomain);
    if (keys.length > 0) shared.dkim = keys;
    try {
      return createBatchComposer(shared);
    } catch (error) {
      return error as Error;
    }
  }
}

/** The tracking link base of a row's token and its unsubscribe URL. */
function unsubscribeUrl(cache: ComposeCache, row: EmailRow): string {
  return `${cache.baseUrl}/t/unsubscribe/${row.token}`;
}

/** A batch recipient's TemplateData over the task's. */
function recipientData(task: TaskContent, row: EmailRow): Record<string, string> {
  const own = row.template_data === null ? undefined : parseTemplateData(row.template_data);
  return own ? { ...task.data, ...own } : task.data;
}

/** The composer input of a carrier row: a SendEmail's stored payload, or a batch recipient's render. */
export function composeInputFor(row: EmailRow, cache: ComposeCache): ComposeInput {
  const input: ComposeInput = {
    from: row.from_address,
    to: [],
    subject: '',
    messageId: row.smtp_message_id,
    date: cache.date,
    tracking: { baseUrl: cache.baseUrl, token: row.token },
  };
  const keys = cache.dkim(row.sender_domain);
  if (keys.length > 0) input.dkim = keys;
  let language: string | undefined;
  if (row.task_id === null) {
    const payload = JSON.parse(row.payload ?? '{}') as SendPayload;
    input.from = payload.from;
    input.envelopeFrom = row.from_email;
    input.to = payload.to;
    input.cc = payload.cc;
    input.bcc = payload.bcc;
    input.subject = payload.subject;
    if (payload.replyTo !== undefined) input.replyTo = payload.replyTo;
    if (payload.html !== undefined) input.html = payload.html;
    if (payload.text !== undefined) input.text = payload.text;
    if (payload.headers) input.headers = payload.headers;
    input.attachments = payload.attachments.map((a) => ({
      filename: a.filename,
      content: Buffer.from(a.content, 'base64'),
    }));
    language = payload.unsubscribe;
  } else {
    const task = cache.task(row.task_id, row.sender_domain);
    const data = recipientData(task, row);
    input.from = task.from;
    input.to = [row.to_address];
    input.subject = renderTemplate(task.subject, data);
    if (task.replyTo !== undefined) input.replyTo = task.replyTo;
    if (task.html !== undefined) input.html = renderTemplate(task.html, data, { escapeHtml: true });
    if (task.text !== undefined) input.text = renderTemplate(task.text, data);
    if (task.attachments.length > 0) input.attachments = task.attachments;
    language = task.unsubscribe;
  }
  if (language !== undefined) input.unsubscribe = { url: unsubscribeUrl(cache, row), language };
  return input;
}

/** A composed row and the subject it went out with (stored on the status record). */
export interface ComposedRow {
  composed: ComposedMessage;
  subject: string;
}

/**
 * Composes a carrier row. A batch recipient of a task without attachments is spliced by the task's
 * batch composer (the same bytes as the full composer, at a fraction of the cost); SendEmail
 * messages and tasks with attachments go through nodemailer's composer. Not an async function, so
 * that while a batch message waits for its signatures only its subject is kept with it, not the
 * rendered template (see `composeAsync`).
 */
export function composeRow(row: EmailRow, cache: ComposeCache): Promise<ComposedRow> {
  try {
    if (row.task_id !== null) {
      const task = cache.task(row.task_id, row.sender_domain);
      if (task.batch instanceof Error) throw task.batch;
      if (task.batch) {
        const data = recipientData(task, row);
        const subject = renderTemplate(task.subject, data);
        const recipient: BatchRecipient = {
          to: row.to_address,
          subject,
          messageId: row.smtp_message_id,
          date: cache.date,
          trackingToken: row.token,
          unsubscribeUrl: unsubscribeUrl(cache, row),
        };
        if (task.html !== undefined) recipient.html = renderTemplate(task.html, data, { escapeHtml: true });
        if (task.text !== undefined) recipient.text = renderTemplate(task.text, data);
        return task.batch.composeAsync(recipient).then((composed) => ({ composed, subject }));
      }
    }
    const input = composeInputFor(row, cache);
    return composeMessage(input).then((composed) => ({ composed, subject: input.subject }));
  } catch (error) {
    return Promise.reject(error);
  }
}

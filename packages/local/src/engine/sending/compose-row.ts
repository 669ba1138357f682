import { renderTemplate } from '@ses-cli/sdk';
import type { ComposeInput, DkimSigningKey } from '../../delivery/index.js';
import type { EngineContext } from '../context.js';
import { findIdentity, findTemplate } from '../lookups.js';
import { parseTemplateData, type StoredAttachment } from './content.js';
import type { EmailRow } from './emails.js';
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
}

/**
 * Per-drain memo: a task's template and attachments are decoded once, not once per recipient, and
 * a domain's DKIM key is looked up once.
 */
export class ComposeCache {
  private readonly tasks = new Map<number, TaskContent>();
  private readonly keys = new Map<string, DkimSigningKey | undefined>();
  /** The Date header of the messages composed in this pass (reading the clock hits the database). */
  readonly date: Date;

  constructor(private readonly ctx: EngineContext) {
    this.date = ctx.now();
  }

  dkim(domain: string): DkimSigningKey | undefined {
    if (!this.keys.has(domain)) {
      const key = findIdentity(this.ctx.db, domain)?.dkim;
      this.keys.set(
        domain,
        key ? { domainName: domain, keySelector: key.selector, privateKey: key.privateKey } : undefined,
      );
    }
    return this.keys.get(domain);
  }

  task(taskId: number): TaskContent {
    let content = this.tasks.get(taskId);
    if (!content) {
      const task = this.ctx.db.prepare('SELECT * FROM tasks WHERE id = ?').get(taskId) as TaskRow | undefined;
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
      };
      this.tasks.set(taskId, content);
    }
    return content;
  }
}

function common(ctx: EngineContext, row: EmailRow, cache: ComposeCache) {
  const base = ctx.options.trackingBaseUrl.replace(/\/+$/, '');
  return {
    messageId: row.smtp_message_id,
    date: cache.date,
    tracking: { baseUrl: base, token: row.token },
    unsubscribeUrl: `${base}/t/unsubscribe/${row.token}`,
    dkim: cache.dkim(row.sender_domain),
  };
}

/** The composer input of a carrier row: a SendEmail's stored payload, or a batch recipient's render. */
export function composeInputFor(ctx: EngineContext, row: EmailRow, cache: ComposeCache): ComposeInput {
  const shared = common(ctx, row, cache);
  const input: ComposeInput = {
    from: row.from_address,
    to: [],
    subject: '',
    messageId: shared.messageId,
    date: shared.date,
    tracking: shared.tracking,
  };
  if (shared.dkim) input.dkim = shared.dkim;
  let language: string | undefined;
  if (row.task_id === null) {
    const payload = JSON.parse(row.payload ?? '{}') as SendPayload;
    input.from = payload.from;
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
    const task = cache.task(row.task_id);
    const own = row.template_data === null ? undefined : parseTemplateData(row.template_data);
    const data = own ? { ...task.data, ...own } : task.data;
    input.from = task.from;
    input.to = [row.to_address];
    input.subject = renderTemplate(task.subject, data);
    if (task.replyTo !== undefined) input.replyTo = task.replyTo;
    if (task.html !== undefined) input.html = renderTemplate(task.html, data, { escapeHtml: true });
    if (task.text !== undefined) input.text = renderTemplate(task.text, data);
    if (task.attachments.length > 0) input.attachments = task.attachments;
    language = task.unsubscribe;
  }
  if (language !== undefined) input.unsubscribe = { url: shared.unsubscribeUrl, language };
  return input;
}

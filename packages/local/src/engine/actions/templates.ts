import type { EngineContext, Handler } from '../context.js';
import { unixSeconds } from '../time.js';

/** Longest template name accepted. @unit characters */
const MAX_TEMPLATE_NAME = 100;

/** Largest decoded template body accepted. @unit bytes */
const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Template status codes. */
const STATUS = { approved: 0, pending: 1 } as const;

interface Content {
  html: string | null;
  text: string | null;
}

function checkName(ctx: EngineContext, value: unknown): string {
  const name = String(value ?? '');
  if (name.trim() === '')
    throw ctx.apiError('InvalidParameterValue.TemplateNameIsNULL', 'TemplateName is empty.');
  if ([...name].length > MAX_TEMPLATE_NAME || /[\p{Cc}<>]/u.test(name)) {
    throw ctx.apiError(
      'InvalidParameterValue.TemplateNameIllegal',
      `TemplateName must be at most ${MAX_TEMPLATE_NAME} characters without control characters, < or >.`,
    );
  }
  return name;
}

/** Checks each body is UTF-8 text in strict base64; stores them as given. */
function checkContent(ctx: EngineContext, value: unknown): Content {
  const content = (value ?? {}) as { Html?: string; Text?: string };
  const html = content.Html ?? '';
  const text = content.Text ?? '';
  if (html === '' && text === '') {
    throw ctx.apiError('InvalidParameterValue.TemplateContentIsNULL', 'TemplateContent needs Html or Text.');
  }
  for (const [field, encoded] of [
    ['Html', html],
    ['Text', text],
  ] as const) {
    if (encoded === '') continue;
    if (!BASE64.test(encoded)) {
      throw ctx.apiError(
        'InvalidParameterValue.TemplateContentIsWrong',
        `TemplateContent.${field} is not base64.`,
      );
    }
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length > MAX_TEMPLATE_BYTES) {
      throw ctx.apiError(
        'FailedOperation.TemplateContentToolarge',
        `TemplateContent.${field} is ${bytes.length} bytes; the limit is ${MAX_TEMPLATE_BYTES}.`,
      );
    }
    try {
      utf8.decode(bytes);
    } catch {
      throw ctx.apiError(
        'InvalidParameterValue.TemplateContentIsWrong',
        `TemplateContent.${field} does not decode to UTF-8 text.`,
      );
    }
  }
  return { html: html === '' ? null : html, text: text === '' ? null : text };
}

/** A new or updated template goes to review; auto-approval (the default) passes it at once. */
function reviewedStatus(ctx: EngineContext): number {
  return ctx.options.autoApproveTemplates ? STATUS.approved : STATUS.pending;
}

function notFound(ctx: EngineContext, id: unknown): never {
  throw ctx.apiError('InvalidParameterValue.TemplateNotExist', `The template ${String(id)} does not exist.`);
}

const createEmailTemplate: Handler = (ctx, input) => {
  const name = checkName(ctx, input['TemplateName']);
  const content = checkContent(ctx, input['TemplateContent']);
  const now = ctx.now().getTime();
  return ctx.write(() => {
    const result = ctx.db
      .prepare(
        'INSERT INTO templates (name, html, text, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(name, content.html, content.text, reviewedStatus(ctx), now, now);
    return { TemplateID: Number(result.lastInsertRowid) };
  });
};

const getEmailTemplate: Handler = (ctx, input) => {
  const row = ctx.db
    .prepare('SELECT name, html, text, status FROM templates WHERE id = ?')
    .get(input['TemplateID']) as
    | { name: string; html: string | null; text: string | null; status: number }
    | undefined;
  if (!row) notFound(ctx, input['TemplateID']);
  const content: Record<string, string> = {};
  if (row.html !== null) content['Html'] = row.html;
  if (row.text !== null) content['Text'] = row.text;
  return { TemplateContent: content, TemplateStatus: row.status, TemplateName: row.name };
};

const listEmailTemplates: Handler = (ctx, input) => {
  const rows = ctx.db
    .prepare(
      'SELECT id, name, status, review_reason, created_at FROM templates ORDER BY id DESC LIMIT ? OFFSET ?',
    )
    .all(input['Limit'], input['Offset']) as {
    id: number;
    name: string;
    status: number;
    review_reason: string;
    created_at: number;
  }[];
  const total = (ctx.db.prepare('SELECT COUNT(*) AS n FROM templates').get() as { n: number }).n;
  return {
    TemplatesMetadata: rows.map((row) => ({
      CreatedTimestamp: unixSeconds(row.created_at),
      TemplateName: row.name,
      TemplateStatus: row.status,
      TemplateID: row.id,
      ReviewReason: row.review_reason,
    })),
    TotalCount: total,
  };
};

const updateEmailTemplate: Handler = (ctx, input) => {
  const name = checkName(ctx, input['TemplateName']);
  const content = checkContent(ctx, input['TemplateContent']);
  return ctx.write(() => {
    const result = ctx.db
      .prepare(
        "UPDATE templates SET name = ?, html = ?, text = ?, status = ?, review_reason = '', updated_at = ? WHERE id = ?",
      )
      .run(name, content.html, content.text, reviewedStatus(ctx), ctx.now().getTime(), input['TemplateID']);
    if (result.changes === 0) notFound(ctx, input['TemplateID']);
    return {};
  });
};

const deleteEmailTemplate: Handler = (ctx, input) =>
  ctx.write(() => {
    const result = ctx.db.prepare('DELETE FROM templates WHERE id = ?').run(input['TemplateID']);
    if (result.changes === 0) notFound(ctx, input['TemplateID']);
    return {};
  });

/** Template actions. */
export const templateHandlers: Record<string, Handler> = {
  CreateEmailTemplate: createEmailTemplate,
  GetEmailTemplate: getEmailTemplate,
  ListEmailTemplates: listEmailTemplates,
  UpdateEmailTemplate: updateEmailTemplate,
  DeleteEmailTemplate: deleteEmailTemplate,
};

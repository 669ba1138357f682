import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { optString, readUserFile } from '../parse/values.js';
import type { Session, Wire } from '../session.js';
import { camelize, label, listPaged, pageOf, resolveTemplateId, TEMPLATE_STATUS } from './shared.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (value: unknown) =>
  typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '';

/** `templates list|get|create|update|delete`. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  switch (input.command) {
    case 'templates list':
      return list(input, session);
    case 'templates get':
      return get(input, session);
    case 'templates create':
      return create(input, session);
    case 'templates update':
      return update(input, session);
    default:
      return remove(input, session);
  }
}

async function list(input: CommandInput, session: Session): Promise<CommandResult> {
  const { items, total } = await listPaged(
    session,
    'ListEmailTemplates',
    'TemplatesMetadata',
    'TotalCount',
    pageOf(input),
  );
  return {
    kind: 'table',
    rows: items,
    columns: [
      { key: 'TemplateID', header: 'ID', align: 'right' },
      { key: 'TemplateName', header: 'Name' },
      { key: 'TemplateStatus', header: 'Status', format: (v) => label(TEMPLATE_STATUS, v) },
      { key: 'CreatedTimestamp', header: 'Created', format: (v) => timestamp(v) },
    ],
    footer: `${items.length} of ${total} template(s)`,
    empty: 'No templates.',
    json: { total, items: camelize(items) },
  };
}

function timestamp(value: unknown): string {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000).toISOString().replace('.000Z', 'Z') : '';
}

/** Fetches a template with its content decoded. */
export async function fetchTemplate(session: Session, id: number): Promise<TemplateView> {
  const out = await session.call('GetEmailTemplate', { TemplateID: id });
  const content = (out.TemplateContent ?? {}) as Wire;
  return {
    id,
    name: String(out.TemplateName ?? ''),
    status: label(TEMPLATE_STATUS, out.TemplateStatus),
    statusCode: Number(out.TemplateStatus ?? -1),
    html: unb64(content.Html),
    text: unb64(content.Text),
  };
}

/** A template as people and `--json` see it: content as plain text. */
export interface TemplateView {
  id: number;
  name: string;
  status: string;
  statusCode: number;
  html: string;
  text: string;
}

async function get(input: CommandInput, session: Session): Promise<CommandResult> {
  const id = await resolveTemplateId(session, input.args[0] ?? '');
  const view = await fetchTemplate(session, id);
  return { kind: 'object', value: { ...view }, json: view };
}

/** The wire `TemplateContent` from `--html`/`--text` files. */
async function contentFrom(input: CommandInput): Promise<Wire | undefined> {
  const html = optString(input.opts.html);
  const text = optString(input.opts.text);
  if (!html && !text) return undefined;
  const content: Wire = {};
  if (html) content.Html = b64((await readUserFile(html, '--html')).toString('utf8'));
  if (text) content.Text = b64((await readUserFile(text, '--text')).toString('utf8'));
  return content;
}

async function create(input: CommandInput, session: Session): Promise<CommandResult> {
  const name = optString(input.opts.name);
  if (!name) throw new UsageError('missing required option --name');
  const content = await contentFrom(input);
  if (!content) throw new UsageError('give --html <file> and/or --text <file>');
  const out = await session.write('CreateEmailTemplate', { TemplateName: name, TemplateContent: content });
  const id = Number(out?.TemplateID);
  return { kind: 'message', message: `Created template ${id} "${name}"`, json: { id, name } };
}

async function update(input: CommandInput, session: Session): Promise<CommandResult> {
  // An update sends the template back to review: never do that for nothing.
  if (!optString(input.opts.name) && !optString(input.opts.html) && !optString(input.opts.text)) {
    throw new UsageError('give at least one of --name, --html <file>, --text <file>');
  }
  const id = await resolveTemplateId(session, input.args[0] ?? '');
  const current = await fetchTemplate(session, id);
  const name = optString(input.opts.name) ?? current.name;
  // Only the parts the user named change: the other one is sent back as it is (the API replaces
  // the whole TemplateContent, so a part left out would be deleted).
  const content: Wire = {
    ...(current.html ? { Html: b64(current.html) } : {}),
    ...(current.text ? { Text: b64(current.text) } : {}),
    ...(await contentFrom(input)),
  };
  await session.write('UpdateEmailTemplate', {
    TemplateID: id,
    TemplateName: name,
    TemplateContent: content,
  });
  return {
    kind: 'message',
    message: `Updated template ${id} "${name}" (back in review)`,
    json: { id, name },
  };
}

async function remove(input: CommandInput, session: Session): Promise<CommandResult> {
  const id = await resolveTemplateId(session, input.args[0] ?? '');
  await session.write('DeleteEmailTemplate', { TemplateID: id });
  return { kind: 'message', message: `Deleted template ${id}`, json: { id, deleted: true } };
}

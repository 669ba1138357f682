import { extractVariables, renderTemplate } from '@ses-cli/sdk';
import type { CommandInput, CommandResult } from '../define-command.js';
import type { Session } from '../session.js';
import { resolveTemplateId } from './shared.js';
import { templateDataOf } from './template-data.js';
import { isDirectory, readTemplateFolder } from './template-folder.js';
import { fetchTemplate } from './templates.js';

/** `templates render`: preview with data; lists missing and unused variables. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const ref = input.args[0] ?? '';
  const data = await templateDataOf(input);
  const source = (await isDirectory(ref))
    ? await readTemplateFolder(ref)
    : await fetchTemplate(session, await resolveTemplateId(session, ref));
  const parts = {
    subject: 'subject' in source ? (source.subject ?? '') : '',
    html: source.html ?? '',
    text: source.text ?? '',
  };
  const variables = [...new Set([parts.subject, parts.html, parts.text].flatMap((t) => extractVariables(t)))];
  const missing = variables.filter((v) => !(v in data));
  const unused = Object.keys(data).filter((k) => !variables.includes(k));
  const rendered = {
    subject: renderTemplate(parts.subject, data, { onMissing: 'keep' }),
    html: renderTemplate(parts.html, data, { escapeHtml: true, onMissing: 'keep' }),
    text: renderTemplate(parts.text, data, { onMissing: 'keep' }),
  };
  for (const name of missing) session.ui.warn(`no value for {{${name}}}`);
  for (const name of unused) session.ui.warn(`"${name}" is not a variable of this template`);
  const part = String(input.opts.part ?? 'all');
  const blocks = [
    rendered.subject && part === 'all' ? `Subject: ${rendered.subject}` : '',
    part !== 'html' && rendered.text
      ? part === 'all'
        ? `--- text ---\n${rendered.text}`
        : rendered.text
      : '',
    part !== 'text' && rendered.html
      ? part === 'all'
        ? `--- html ---\n${rendered.html}`
        : rendered.html
      : '',
  ].filter(Boolean);
  return { kind: 'text', text: blocks.join('\n'), json: { variables, missing, unused, ...rendered } };
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandInput, CommandResult } from '../define-command.js';
import { lineDiff } from '../output/diff.js';
import type { Session, Wire } from '../session.js';
import { label, listPaged, TEMPLATE_STATUS } from './shared.js';
import { isDirectory, readTemplateFolders, type TemplateFolder } from './template-folder.js';
import { fetchTemplate } from './templates.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** `templates push <dir>` and `templates pull <dir>`: templates as code. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  return input.command === 'templates push' ? push(input.args[0] ?? '', session) : pull(input, session);
}

async function remoteByName(session: Session): Promise<Map<string, number>> {
  const { items } = await listPaged(session, 'ListEmailTemplates', 'TemplatesMetadata', 'TotalCount', {
    limit: 100,
    offset: 0,
    all: true,
  });
  return new Map(items.map((t) => [String(t.TemplateName), Number(t.TemplateID)]));
}

function contentOf(folder: TemplateFolder): Wire {
  return {
    ...(folder.html !== undefined ? { Html: b64(folder.html) } : {}),
    ...(folder.text !== undefined ? { Text: b64(folder.text) } : {}),
  };
}

async function push(dir: string, session: Session): Promise<CommandResult> {
  const folders = await readTemplateFolders(dir);
  const remote = await remoteByName(session);
  const rows: Record<string, unknown>[] = [];
  for (const folder of folders) {
    const id = remote.get(folder.name);
    if (id === undefined) {
      const out = await session.write('CreateEmailTemplate', {
        TemplateName: folder.name,
        TemplateContent: contentOf(folder),
      });
      session.ui.info(`+ ${folder.name}: new template`);
      rows.push({ name: folder.name, id: out ? Number(out.TemplateID) : null, action: 'created' });
      continue;
    }
    const current = await fetchTemplate(session, id);
    const diff = [
      ...(folder.html !== undefined && folder.html !== current.html
        ? ['index.html', ...lineDiff(current.html, folder.html)]
        : []),
      ...(folder.text !== undefined && folder.text !== current.text
        ? ['index.txt', ...lineDiff(current.text, folder.text)]
        : []),
    ];
    if (diff.length === 0) {
      rows.push({ name: folder.name, id, action: 'unchanged', status: current.status });
      continue;
    }
    session.ui.info(`~ ${folder.name} (${id})\n${diff.map((l) => `  ${l}`).join('\n')}`);
    await session.write('UpdateEmailTemplate', {
      TemplateID: id,
      TemplateName: folder.name,
      TemplateContent: contentOf(folder),
    });
    rows.push({ name: folder.name, id, action: 'updated', diff });
  }
  if (!session.globals.dryRun) {
    for (const row of rows) {
      if (row.id !== null && row.status === undefined)
        row.status = (await fetchTemplate(session, Number(row.id))).status;
    }
  }
  return {
    kind: 'table',
    rows,
    columns: [
      { key: 'name', header: 'Template' },
      { key: 'id', header: 'ID', align: 'right' },
      { key: 'action', header: 'Action' },
      { key: 'status', header: 'Review' },
    ],
    json: rows,
  };
}

/** A folder name for a template: its name with anything unsafe replaced. */
function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'template';
}

async function pull(input: CommandInput, session: Session): Promise<CommandResult> {
  const root = input.args[0] ?? '';
  const remote = await remoteByName(session);
  const rows: Record<string, unknown>[] = [];
  for (const [name, id] of remote) {
    const template = await fetchTemplate(session, id);
    const dir = join(root, slug(name));
    if ((await isDirectory(dir)) && input.opts.force !== true) {
      rows.push({ name, id, dir, action: 'skipped (exists; --force overwrites)' });
      continue;
    }
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'template.json'), `${JSON.stringify({ name, id }, null, 2)}\n`);
    if (template.html) await writeFile(join(dir, 'index.html'), template.html);
    if (template.text) await writeFile(join(dir, 'index.txt'), template.text);
    rows.push({ name, id, dir, action: 'written', status: label(TEMPLATE_STATUS, template.statusCode) });
  }
  return {
    kind: 'table',
    rows,
    columns: [
      { key: 'name', header: 'Template' },
      { key: 'id', header: 'ID', align: 'right' },
      { key: 'dir', header: 'Folder' },
      { key: 'action', header: 'Action' },
    ],
    empty: 'No templates to pull.',
    json: rows,
  };
}

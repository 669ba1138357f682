import { lstat, mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CommandInput, CommandResult } from '../define-command.js';
import { PartialFailureError, UsageError } from '../errors.js';
import { lineDiff } from '../output/diff.js';
import { printable } from '../parse/header-safe.js';
import type { Session, Wire } from '../session.js';
import { label, listPaged, TEMPLATE_STATUS } from './shared.js';
import { readTemplateFolders, type TemplateFolder } from './template-folder.js';
import { fetchTemplate } from './templates.js';
import { assertUniqueNames, remoteIds } from './templates-names.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** `templates push <dir>` and `templates pull <dir>`: templates as code. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  return input.command === 'templates push' ? push(input.args[0] ?? '', session) : pull(input, session);
}

/** Every remote template, as name and id, in the service's order. */
async function remoteTemplates(session: Session): Promise<{ name: string; id: number }[]> {
  const { items } = await listPaged(session, 'ListEmailTemplates', 'TemplatesMetadata', 'TotalCount', {
    limit: 100,
    offset: 0,
    all: true,
  });
  return items.map((t) => ({ name: String(t.TemplateName), id: Number(t.TemplateID) }));
}

/**
 * The folder is the source of truth: its files are the whole content, so a part without a file
 * (no index.txt) is removed from the template.
 */
function contentOf(folder: TemplateFolder): Wire {
  return {
    ...(folder.html !== undefined ? { Html: b64(folder.html) } : {}),
    ...(folder.text !== undefined ? { Text: b64(folder.text) } : {}),
  };
}

async function push(dir: string, session: Session): Promise<CommandResult> {
  const folders = await readTemplateFolders(dir);
  assertUniqueNames(folders);
  const remote = remoteIds(folders, await remoteTemplates(session));
  const rows: Record<string, unknown>[] = [];
  const failures: unknown[] = [];
  for (const folder of folders) {
    try {
      await pushOne(folder, remote.get(folder.name), session, rows);
    } catch (error) {
      if (session.cli.signal?.aborted) throw error;
      // One template the service refuses does not stop the others; the summary says which.
      failures.push(error);
      rows.push({
        name: folder.name,
        id: remote.get(folder.name) ?? null,
        action: 'failed',
        error: String((error as Error).message ?? error),
      });
    }
  }
  if (failures.length === folders.length && failures.length > 0) throw failures[0];
  if (!session.globals.dryRun) {
    for (const row of rows) {
      if (row.id !== null && row.status === undefined && row.action !== 'failed')
        row.status = (await fetchTemplate(session, Number(row.id))).status;
    }
  }
  const result: CommandResult = {
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
  if (failures.length > 0) {
    throw new PartialFailureError(
      `${failures.length} of ${folders.length} template(s) could not be pushed`,
      result,
    );
  }
  return result;
}

/** Creates or updates one folder's template (when it changed), adding its row to `rows`. */
async function pushOne(
  folder: TemplateFolder,
  id: number | undefined,
  session: Session,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (id === undefined) {
    const out = await session.write('CreateEmailTemplate', {
      TemplateName: folder.name,
      TemplateContent: contentOf(folder),
    });
    session.ui.info(`+ ${folder.name}: new template`);
    rows.push({ name: folder.name, id: out ? Number(out.TemplateID) : null, action: 'created' });
    return;
  }
  const current = await fetchTemplate(session, id);
  const diff = [
    ...partDiff('index.html', current.html, folder.html),
    ...partDiff('index.txt', current.text, folder.text),
  ];
  if (diff.length === 0) {
    rows.push({ name: folder.name, id, action: 'unchanged', status: current.status });
    return;
  }
  session.ui.info(`~ ${folder.name} (${id})\n${diff.map((l) => `  ${l}`).join('\n')}`);
  await session.write('UpdateEmailTemplate', {
    TemplateID: id,
    TemplateName: folder.name,
    TemplateContent: contentOf(folder),
  });
  rows.push({ name: folder.name, id, action: 'updated', diff });
}

/** The diff of one part: changed lines, or every line of a part whose file is gone. */
function partDiff(file: string, remote: string, local: string | undefined): string[] {
  if (local === undefined) {
    return remote === '' ? [] : [`${file} (removed)`, ...remote.split('\n').map((line) => `- ${line}`)];
  }
  return local === remote ? [] : [file, ...lineDiff(remote, local)];
}

async function pull(input: CommandInput, session: Session): Promise<CommandResult> {
  const root = input.args[0] ?? '';
  const rootInfo = await stat(root).catch(() => undefined);
  if (rootInfo && !rootInfo.isDirectory()) throw new UsageError(`${root}: not a directory`);
  const remote = await remoteTemplates(session);
  const rows: Record<string, unknown>[] = [];
  const used = new Set<string>();
  for (const { name, id } of remote) {
    const template = await fetchTemplate(session, id);
    const folder = uniqueFolder(folderName(name), id, used);
    if (folder !== name) {
      session.ui.info(
        `"${printable(name)}" goes to folder "${folder}" (a template name is not used as a path)`,
      );
    }
    const dir = insideRoot(root, folder);
    const state = await pathState(dir);
    if (state === 'link') {
      rows.push({ name, id, dir, action: 'skipped (a symbolic link; not followed)' });
      continue;
    }
    if (state === 'dir' && input.opts.force !== true) {
      rows.push({ name, id, dir, action: 'skipped (exists; --force overwrites)' });
      continue;
    }
    // A symbolic link (or a directory) where a file of the template goes is never followed, written
    // through nor removed: that folder is skipped, like a linked folder, and the others are pulled.
    const blocked = state === 'dir' ? await blockedFile(dir) : undefined;
    if (blocked) {
      rows.push({ name, id, dir, action: `skipped (${blocked})` });
      continue;
    }
    await mkdir(dir, { recursive: true });
    // The folder mirrors the template: a part it does not have leaves no file behind, which the
    // next push would otherwise bring back. Removed first, so a refusal leaves the folder as it was.
    const parts = [
      ['index.html', template.html],
      ['index.txt', template.text],
    ] as const;
    const removed: string[] = [];
    for (const [file, part] of parts) {
      if (!part && (await removeInside(dir, file))) removed.push(file);
    }
    await writeInside(dir, 'template.json', `${JSON.stringify({ name, id }, null, 2)}\n`);
    for (const [file, part] of parts) if (part) await writeInside(dir, file, part);
    rows.push({
      name,
      id,
      dir,
      action: removed.length > 0 ? `written (removed ${removed.join(', ')})` : 'written',
      status: label(TEMPLATE_STATUS, template.statusCode),
    });
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

/**
 * The folder for a template: its name with everything but letters, digits, `.`, `_` and `-`
 * replaced, and no leading or trailing dots or dashes, so no name (`..`, `../../etc/x`, `/abs`,
 * `C:\\x`) can climb out of, or hide in, the target directory.
 */
export function folderName(name: string): string {
  const safe = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 100);
  return safe === '' ? 'template' : safe;
}

/** Two templates must not share a folder: the second one gets its id appended. */
function uniqueFolder(folder: string, id: number, used: Set<string>): string {
  const chosen = used.has(folder.toLowerCase()) ? `${folder}-${id}` : folder;
  used.add(chosen.toLowerCase());
  return chosen;
}

/** `root/folder`, asserted to stay inside `root` (defence in depth behind {@link folderName}). */
function insideRoot(root: string, folder: string): string {
  const dir = join(root, folder);
  const rel = relative(resolve(root), resolve(dir));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new UsageError(`templates pull: refusing to write outside ${root}`);
  }
  return dir;
}

async function pathState(path: string): Promise<'missing' | 'link' | 'dir' | 'file' | 'special'> {
  try {
    const info = await lstat(path);
    if (info.isSymbolicLink()) return 'link';
    if (info.isDirectory()) return 'dir';
    // A FIFO, socket or device: opening one to write can block for good (a FIFO without a reader).
    return info.isFile() ? 'file' : 'special';
  } catch {
    return 'missing';
  }
}

/** Why the files of an existing folder cannot be written or removed safely, if they cannot. */
async function blockedFile(dir: string): Promise<string | undefined> {
  for (const file of ['template.json', 'index.html', 'index.txt']) {
    const state = await pathState(join(dir, file));
    if (state === 'link') return `${file} is a symbolic link`;
    if (state === 'dir') return `${file} is a directory`;
    if (state === 'special') return `${file} is not a regular file`;
  }
  return undefined;
}

/**
 * Removes a file of a pulled template whose part is empty; true when there was one. A symbolic link
 * or a directory in its place is refused, never followed nor removed.
 */
async function removeInside(dir: string, file: string): Promise<boolean> {
  const path = join(dir, file);
  const state = await pathState(path);
  if (state === 'missing') return false;
  if (state !== 'file') {
    const what =
      state === 'link' ? 'a symbolic link' : state === 'dir' ? 'a directory' : 'not a regular file';
    throw new UsageError(
      `${path}: ${what}; refusing to remove it (the template has no ${file === 'index.html' ? 'HTML' : 'text'} part)`,
    );
  }
  await unlink(path);
  return true;
}

/** Writes a file of a pulled template, never through a symbolic link planted in the folder. */
async function writeInside(dir: string, file: string, text: string): Promise<void> {
  const path = join(dir, file);
  if ((await pathState(path)) === 'link') {
    throw new UsageError(`${path}: a symbolic link; refusing to write through it`);
  }
  await writeFile(path, text);
}

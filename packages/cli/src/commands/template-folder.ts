import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

/** A template as code: `template.json` ({ name, subject? }), `index.html`, `index.txt`. */
export interface TemplateFolder {
  readonly dir: string;
  readonly name: string;
  readonly subject: string | undefined;
  readonly html: string | undefined;
  readonly text: string | undefined;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** True when `path` is a directory. */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Reads one template folder. @throws {UsageError} naming the file that is wrong */
export async function readTemplateFolder(dir: string): Promise<TemplateFolder> {
  const metaPath = join(dir, 'template.json');
  const metaText = await readOptional(metaPath);
  if (metaText === undefined) throw new UsageError(`${metaPath}: missing`);
  let meta: unknown;
  try {
    meta = JSON.parse(metaText);
  } catch (error) {
    throw new UsageError(`${metaPath}: invalid JSON (${(error as Error).message})`);
  }
  const { name, subject } = (meta ?? {}) as { name?: unknown; subject?: unknown };
  if (typeof name !== 'string' || name === '')
    throw new UsageError(`${metaPath}: "name" must be a non-empty string`);
  if (subject !== undefined && typeof subject !== 'string')
    throw new UsageError(`${metaPath}: "subject" must be a string`);
  const html = await readOptional(join(dir, 'index.html'));
  const text = await readOptional(join(dir, 'index.txt'));
  if (html === undefined && text === undefined)
    throw new UsageError(`${dir}: needs index.html and/or index.txt`);
  return { dir, name, subject, html, text };
}

/** Every template folder under `root` (sub-directories holding a template.json). */
export async function readTemplateFolders(root: string): Promise<TemplateFolder[]> {
  if (!(await isDirectory(root))) throw new UsageError(`${root}: not a directory`);
  if ((await readOptional(join(root, 'template.json'))) !== undefined)
    return [await readTemplateFolder(root)];
  const entries = (await readdir(root, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name));
  const folders: TemplateFolder[] = [];
  for (const entry of entries) {
    if ((await readOptional(join(root, entry.name, 'template.json'))) !== undefined) {
      folders.push(await readTemplateFolder(join(root, entry.name)));
    }
  }
  if (folders.length === 0) throw new UsageError(`${root}: no template folders (each needs a template.json)`);
  return folders;
}

import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';

/** A template as code: `template.json` ({ name, subject? }), `index.html`, `index.txt`. */
export interface TemplateFolder {
  readonly dir: string;
  readonly name: string;
  readonly subject: string | undefined;
  readonly html: string | undefined;
  readonly text: string | undefined;
}

/**
 * The file's text without a byte-order mark, or undefined when there is no such file. Anything else
 * that keeps it from being read (a directory, no permission, empty) is an error naming the file.
 */
async function readOptional(path: string, root?: string): Promise<string | undefined> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`${path}: cannot be read (${(error as Error).message})`);
  }
  if (root !== undefined) await assertInside(path, real, root);
  let text: string;
  try {
    text = await readFile(real, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'EISDIR'
        ? `${path}: is a directory, not a file`
        : `${path}: cannot be read (${(error as Error).message})`,
    );
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new UsageError(`${path}: is empty`);
  return text;
}

/**
 * A template folder is pushed to the service: a symbolic link in it that leads outside the folder
 * being pushed (`index.html -> ~/.ssh/id_rsa`) would upload that file, so it is refused.
 */
async function assertInside(path: string, real: string, root: string): Promise<void> {
  const realRoot = await realpath(root);
  const rel = relative(realRoot, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new UsageError(`${path}: a symbolic link leading outside ${root}; refusing to read it`);
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
export async function readTemplateFolder(dir: string, root = dir): Promise<TemplateFolder> {
  const metaPath = join(dir, 'template.json');
  const metaText = await readOptional(metaPath, root);
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
  const html = await readOptional(join(dir, 'index.html'), root);
  const text = await readOptional(join(dir, 'index.txt'), root);
  if (html === undefined && text === undefined)
    throw new UsageError(`${dir}: needs index.html and/or index.txt`);
  return { dir, name, subject, html, text };
}

/** Every template folder under `root` (sub-directories holding a template.json). */
export async function readTemplateFolders(root: string): Promise<TemplateFolder[]> {
  if (!(await isDirectory(root))) throw new UsageError(`${root}: not a directory`);
  if ((await readOptional(join(root, 'template.json'), root)) !== undefined)
    return [await readTemplateFolder(root)];
  const entries = (await readdir(root, { withFileTypes: true }))
    .filter((e) => e.isDirectory() || e.isSymbolicLink())
    .sort((a, b) => a.name.localeCompare(b.name));
  const folders: TemplateFolder[] = [];
  for (const entry of entries) {
    const dir = join(root, entry.name);
    if (entry.isSymbolicLink() && !(await isDirectory(dir))) continue;
    if ((await readOptional(join(dir, 'template.json'), root)) !== undefined) {
      folders.push(await readTemplateFolder(dir, root));
    }
  }
  if (folders.length === 0) throw new UsageError(`${root}: no template folders (each needs a template.json)`);
  return folders;
}

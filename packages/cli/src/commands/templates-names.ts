import { UsageError } from '../errors.js';
import { printable } from '../parse/header-safe.js';
import type { TemplateFolder } from './template-folder.js';

/**
 * `templates push` matches folders to templates by name, so a name must pick one of each. Two
 * folders with one name would create two templates, then both update the same one.
 * @throws {UsageError} naming the folders that share a name
 */
export function assertUniqueNames(folders: readonly TemplateFolder[]): void {
  const byName = new Map<string, string[]>();
  for (const folder of folders) byName.set(folder.name, [...(byName.get(folder.name) ?? []), folder.dir]);
  const shared = [...byName].filter(([, dirs]) => dirs.length > 1);
  if (shared.length === 0) return;
  const list = shared.map(([name, dirs]) => `"${printable(name)}" in ${dirs.join(' and ')}`).join('; ');
  throw new UsageError(
    `template.json "name" must be unique across the folders pushed: ${list}; nothing was pushed`,
  );
}

/**
 * The remote id of each folder's template (absent: it is created). A name that several remote
 * templates share cannot tell which one a folder is, so the push is refused before any change.
 * @throws {UsageError} naming the templates that share a name
 */
export function remoteIds(
  folders: readonly TemplateFolder[],
  remote: readonly { name: string; id: number }[],
): Map<string, number> {
  const ids = new Map<string, number[]>();
  for (const { name, id } of remote) ids.set(name, [...(ids.get(name) ?? []), id]);
  const ambiguous = folders.filter((f) => (ids.get(f.name)?.length ?? 0) > 1);
  if (ambiguous.length > 0) {
    const list = ambiguous
      .map((f) => `"${printable(f.name)}" (${f.dir}) matches templates ${ids.get(f.name)?.join(', ')}`)
      .join('; ');
    throw new UsageError(
      `several templates on the service have the name of a folder: ${list}; rename or delete all but one (ses-cli templates delete <id>), nothing was pushed`,
    );
  }
  return new Map(folders.flatMap((f) => ids.get(f.name)?.map((id) => [f.name, id] as const) ?? []));
}

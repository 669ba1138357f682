// Test helpers that take storage away from a data directory: a read-only or unwritable directory,
// and a small file system that fills up. Each picks the strongest method this machine allows.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const run = (command: string, args: string[]): boolean => {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** A fresh temporary directory. */
export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `ses-rel-${prefix}-`));

/** How a directory was made unwritable, and how to undo it. */
export interface Unwritable {
  /** `ro-bind-mount` (EROFS), `immutable` (chattr +i, EPERM) or `chmod` (EACCES, non-root only). */
  readonly how: 'ro-bind-mount' | 'immutable' | 'chmod';
  /** The directory to hand to the backend. */
  readonly dir: string;
  undo(): void;
}

/**
 * A read-only view of `source`: a read-only bind mount when the process may mount (root), the
 * directory itself made immutable with `chattr +i` otherwise, and mode 0555 as the last resort
 * (which root ignores, so it is used only for other users).
 */
export function readOnlyView(source: string): Unwritable {
  const view = tempDir('ro-view');
  if (run('mount', ['--bind', source, view])) {
    if (run('mount', ['-o', 'remount,bind,ro', view])) {
      return {
        how: 'ro-bind-mount',
        dir: view,
        undo: () => {
          if (!run('umount', [view])) run('umount', ['-l', view]);
          rmSync(view, { recursive: true, force: true });
        },
      };
    }
    run('umount', [view]);
  }
  rmSync(view, { recursive: true, force: true });
  if (run('chattr', ['+i', source])) {
    return { how: 'immutable', dir: source, undo: () => run('chattr', ['-i', source]) };
  }
  if (process.getuid?.() === 0) throw new Error('no way to make a directory read-only for root here');
  chmodSync(source, 0o555);
  return { how: 'chmod', dir: source, undo: () => chmodSync(source, 0o755) };
}

/** A directory on a file system of `bytes` (a tmpfs), or undefined when mounting is not allowed. */
export function smallFileSystem(bytes: number): { dir: string; undo(): void } | undefined {
  const dir = tempDir('tmpfs');
  if (!run('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir])) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  mkdirSync(join(dir, 'data'));
  return {
    dir: join(dir, 'data'),
    undo: () => {
      if (!run('umount', [dir])) run('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `PRAGMA integrity_check` of a data directory's database, through a connection of its own. */
export function integrity(dataDir: string): string {
  const db = new Database(join(dataDir, 'ses.db'));
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

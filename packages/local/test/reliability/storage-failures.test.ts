import { rmSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiError } from '@ses-cli/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalBackend, type LocalBackend, StorageError } from '../../src/index.js';
import { integrity, readOnlyView, smallFileSystem, tempDir } from './storage.js';

const undo: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const step of undo.splice(0).reverse()) await step();
});

const call = (backend: LocalBackend, action: string, payload: Record<string, unknown>) =>
  backend.invoke({ action, payload, region: '', attempt: 0 }).then((r) => r.payload);

const failure = async (promise: Promise<unknown>): Promise<ApiError> => {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
};

const openError = (dir: string): StorageError => {
  try {
    const backend = createLocalBackend({ dataDir: dir });
    void backend.close();
  } catch (error) {
    expect(error).toBeInstanceOf(StorageError);
    return error as StorageError;
  }
  throw new Error(`expected opening ${dir} to fail`);
};

const addresses = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`);

describe('unwritable data directory', () => {
  it('refuses to open a data directory on a read-only file system, naming it and the reason', async () => {
    const source = tempDir('ro-source');
    undo.push(() => rmSync(source, { recursive: true, force: true }));
    const seeded = createLocalBackend({ dataDir: source });
    await call(seeded, 'CreateReceiver', { ReceiversName: 'kept' });
    await seeded.close();
    const view = readOnlyView(source);
    undo.push(() => view.undo());
    const error = openError(view.dir);
    expect(error.message).toContain(view.dir);
    expect(error.message).toMatch(
      view.how === 'ro-bind-mount' ? /read-only \(EROFS\)/ : view.how === 'immutable' ? /EPERM/ : /EACCES/,
    );
    expect(error.problem).toBe(view.how === 'ro-bind-mount' ? 'read-only' : 'cannot-open');
    view.undo();
    undo.pop();
    // Nothing was damaged: the data is still there and the database is sound.
    expect(integrity(source)).toBe('ok');
    const again = createLocalBackend({ dataDir: source });
    undo.push(() => again.close());
    expect((await call(again, 'ListReceivers', { Offset: 0, Limit: 10 }))['TotalCount']).toBe(1);
  });

  it('refuses an empty directory it may not write to, and a file where the directory should be', () => {
    const empty = tempDir('ro-empty');
    undo.push(() => rmSync(empty, { recursive: true, force: true }));
    const view = readOnlyView(empty);
    undo.push(() => view.undo());
    const error = openError(view.dir);
    expect(error.message).toContain(view.dir);
    expect(error.message).toMatch(/Cannot write to the data directory/);

    const parent = tempDir('file');
    undo.push(() => rmSync(parent, { recursive: true, force: true }));
    const file = join(parent, 'not-a-dir');
    writeFileSync(file, 'x');
    expect(openError(file).message).toBe(
      `The data directory ${file} is a file, not a directory; choose another path or remove the file.`,
    );
  });
});

describe('full disk', () => {
  // A 2 MiB tmpfs where this process may mount (root), else — and always in the second case — a
  // database capped with max_page_count (`maxDatabaseBytes`), which SQLite reports as SQLITE_FULL too.
  it.each(['tmpfs', 'capped database'])(
    '%s: answers InternalError saying the disk is full, keeps earlier data, and recovers once space is freed',
    async (medium) => {
      const fs = medium === 'tmpfs' ? smallFileSystem(2 * 1024 * 1024) : undefined;
      const dir = fs?.dir ?? tempDir('capped');
      undo.push(() => (fs ? fs.undo() : rmSync(dir, { recursive: true, force: true })));
      const backend = createLocalBackend({
        dataDir: dir,
        ...(fs ? {} : { maxDatabaseBytes: 3 * 1024 * 1024 }),
      });
      undo.push(() => backend.close());
      const ReceiverId = (await call(backend, 'CreateReceiver', { ReceiversName: 'kept' }))['ReceiverId'];
      await call(backend, 'CreateReceiverDetail', { ReceiverId, Emails: addresses('early', 1000) });
      await backend.runDue();

      // Take the space: a filler file on the tmpfs, a filler group inside the capped database.
      let free: () => Promise<void>;
      if (fs) {
        const filler = join(dir, '..', 'filler');
        const stats = statfsSync(dir);
        writeFileSync(filler, Buffer.alloc(Math.max(0, stats.bavail * stats.bsize - 64 * 1024)));
        free = async () => unlinkSync(filler);
      } else {
        const fillerId = (await call(backend, 'CreateReceiver', { ReceiversName: 'filler' }))['ReceiverId'];
        for (const part of ['a', 'b']) {
          await call(backend, 'CreateReceiverDetail', {
            ReceiverId: fillerId,
            Emails: addresses(`filler-${part}-`, 15_000),
          });
          await backend.runDue();
        }
        free = async () => {
          await call(backend, 'DeleteReceiver', { ReceiverId: fillerId });
        };
      }

      const full = await failure(
        call(backend, 'CreateReceiverDetail', { ReceiverId, Emails: addresses('late', 20_000) }),
      );
      expect(full.code).toBe('InternalError');
      expect(full.message).toMatch(/disk holding the data directory .* is full/);
      expect(full.message).toContain(dir);

      // The failed upload left nothing behind: same rows, group not stuck in "uploading".
      const group = async () =>
        (
          (await call(backend, 'ListReceivers', { Offset: 0, Limit: 10, KeyWord: 'kept' }))['Data'] as {
            Count: number;
            ReceiversStatus: number;
          }[]
        )[0];
      expect(await group()).toMatchObject({ Count: 1000, ReceiversStatus: 3 });
      expect(integrity(dir)).toBe('ok');

      await free();
      await call(backend, 'CreateReceiverDetail', { ReceiverId, Emails: addresses('late', 20_000) });
      expect((await backend.runDue()).uploads).toBe(1);
      expect(await group()).toMatchObject({ Count: 21_000, ReceiversStatus: 3 });
      expect(integrity(dir)).toBe('ok');
    },
  );
});

import { close, open, rename, unlink, write } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FileToWrite, outboxWriter } from './outbox-writer.js';
import { pooledRandomBytes } from './random-pool.js';
import type { DeliveryReceipt, OutgoingMessage, Transport } from './transport.js';

// The callback API, not FileHandle, for `deliver` (one message at a time; batches go to the
// delivery worker): a FileHandle per file costs an object with a finaliser on top of the descriptor.
const openFile = promisify(open);
const writeFile = promisify(write);
const closeFile = promisify(close);
const renameFile = promisify(rename);
const unlinkFile = promisify(unlink);

/** From this many messages at once, the delivery worker writes them (see `outbox-writer.ts`). */
const WORKER_FROM = 8;

// A file name on every platform: no separators, no leading dot (hidden files, `..`), bounded length.
const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** True when `id` can be used as an outbox file name as is. */
export function isSafeMessageId(id: string): boolean {
  return SAFE_ID.test(id);
}

/**
 * Delivers into a directory of `${id}.eml` files. Each file is written under a temporary name and
 * renamed into place, so a crash of the process leaves either the whole message or nothing, and
 * delivering the same id again (a resumed send) replaces the file instead of adding a second one.
 * Files are not fsynced: the outbox has the database's durability (WAL, `synchronous = NORMAL`,
 * src/store/database.ts), complete after any crash of the process, while an operating-system crash
 * may lose the last seconds of both. A per-file flush would halve batch throughput (bench/local.md).
 */
export function createOutboxTransport(dir: string): Transport {
  // `dir` normalised, with a separator at the end: a safe id is a plain file name, so the path of
  // its file is this prefix and the name (see filesOf), without a `path.join` per message.
  const inDir = join(dir, '_').slice(0, -1);
  return {
    kind: 'outbox',
    async deliver(message: OutgoingMessage): Promise<DeliveryReceipt> {
      // Before anything touches the disk (writeMessage checks again, for its other callers).
      assertSafeId(message.id);
      // Every time, not once: `reset()` may have removed the directory since the last delivery.
      await mkdir(dir, { recursive: true });
      return writeMessage(inDir, message);
    },
    async deliverMany(messages: readonly OutgoingMessage[]) {
      await mkdir(dir, { recursive: true });
      // A few messages (a SendEmail's) are written here; a batch's chunk goes to the delivery
      // worker, which is only started for batches.
      if (messages.length < WORKER_FROM) {
        return Promise.allSettled(messages.map((message) => writeMessage(inDir, message)));
      }
      // An unsafe id fails its own message only; the others are written.
      const results: PromiseSettledResult<DeliveryReceipt>[] = new Array(messages.length);
      const files: FileToWrite[] = [];
      const indexes: number[] = [];
      messages.forEach((message, index) => {
        if (!isSafeMessageId(message.id)) {
          results[index] = { status: 'rejected', reason: unsafeIdError(message.id) };
          return;
        }
        files.push({ ...filesOf(inDir, message.id), raw: message.raw });
        indexes.push(index);
      });
      const errors = files.length > 0 ? await outboxWriter.write(files) : [];
      files.forEach(({ path }, position) => {
        const error = errors[position];
        results[indexes[position] as number] = error
          ? { status: 'rejected', reason: error }
          : { status: 'fulfilled', value: { path } };
      });
      return results;
    },
    async discardPartial(ids) {
      const wanted = new Set(ids);
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return; // no outbox yet: nothing was written
      }
      // `.<id>.<random>.tmp`, as writeMessage names them.
      const partial = names.filter((name) => {
        const match = /^\.(.+)\.[0-9a-f]{12}\.tmp$/.exec(name);
        return match !== null && wanted.has(match[1] as string);
      });
      await Promise.all(partial.map((name) => unlinkFile(inDir + name).catch(() => undefined)));
    },
    async close() {
      // Every write is awaited inside deliver(); nothing is held open between calls.
    },
  };
}

function unsafeIdError(id: string): Error {
  return new Error(`outbox: message id ${JSON.stringify(id)} is not a safe file name`);
}

function assertSafeId(id: string): void {
  if (!isSafeMessageId(id)) throw unsafeIdError(id);
}

/**
 * A message's file in `inDir` (the directory with a separator at the end) and the temporary name it
 * is written under: leading dot + .tmp, never mistaken for a message by a reader listing `*.eml`.
 */
function filesOf(inDir: string, id: string): { tmp: string; path: string } {
  return { tmp: `${inDir}.${id}.${pooledRandomBytes(6).toString('hex')}.tmp`, path: `${inDir}${id}.eml` };
}

/** Writes one message under a temporary name and renames it into place. */
async function writeMessage(inDir: string, message: OutgoingMessage): Promise<DeliveryReceipt> {
  assertSafeId(message.id);
  const { tmp, path } = filesOf(inDir, message.id);
  try {
    const fd = await openFile(tmp, 'wx', 0o644);
    try {
      let written = 0;
      while (written < message.raw.length) {
        written += (await writeFile(fd, message.raw, written, message.raw.length - written, null))
          .bytesWritten;
      }
    } finally {
      await closeFile(fd);
    }
    await renameFile(tmp, path);
  } catch (error) {
    await unlinkFile(tmp).catch(() => undefined);
    throw error;
  }
  return { path };
}

import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveryReceipt, OutgoingMessage, Transport } from './transport.js';

// A file name on every platform: no separators, no leading dot (hidden files, `..`), bounded length.
const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** True when `id` can be used as an outbox file name as is. */
export function isSafeMessageId(id: string): boolean {
  return SAFE_ID.test(id);
}

/**
 * Delivers into a directory of `${id}.eml` files. Each file is written to a temporary name, fsynced
 * and renamed into place, so a crash leaves either the whole message or nothing, and delivering
 * the same id again (a resumed send) replaces the file instead of adding a second one.
 */
export function createOutboxTransport(dir: string): Transport {
  return {
    kind: 'outbox',
    async deliver(message: OutgoingMessage): Promise<DeliveryReceipt> {
      if (!isSafeMessageId(message.id)) {
        throw new Error(`outbox: message id ${JSON.stringify(message.id)} is not a safe file name`);
      }
      // Every time, not once: `reset()` may have removed the directory since the last delivery.
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${message.id}.eml`);
      // Leading dot + .tmp: never mistaken for a message by a reader listing `*.eml`.
      const tmp = join(dir, `.${message.id}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeDurably(tmp, message.raw);
        await rename(tmp, path);
      } catch (error) {
        await unlink(tmp).catch(() => undefined);
        throw error;
      }
      await syncDirectory(dir);
      return { path };
    },
    async close() {
      // Every write is awaited inside deliver(); nothing is held open between calls.
    },
  };
}

async function writeDurably(path: string, data: Buffer): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// The rename is only durable once the directory entry is on disk too.
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the file itself is synced.
  } finally {
    await handle?.close();
  }
}

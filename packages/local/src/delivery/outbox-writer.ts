import { type DeliveryWorker, deliveryWorker } from './delivery-worker.js';

/** One file to write: its temporary name, its final name and its bytes. */
export interface FileToWrite {
  readonly tmp: string;
  readonly path: string;
  readonly raw: Buffer;
}

type WriteError = Error & { code?: string };

/**
 * Writes files on the {@link DeliveryWorker} with synchronous calls, a batch per job. The async
 * `fs` calls would cost four hand-offs to libuv's thread pool per file (open, write, close, rename).
 */
export class OutboxWriter {
  constructor(private readonly worker: DeliveryWorker = deliveryWorker) {}

  /** Writes the files; one result per file, in order: undefined when written, else its error. */
  async write(files: readonly FileToWrite[]): Promise<(WriteError | undefined)[]> {
    const names: string[] = [];
    const ends: number[] = [];
    let end = 0;
    for (const file of files) {
      names.push(file.tmp, file.path);
      end += file.raw.length;
      ends.push(end);
    }
    // One buffer moved, not copied, to the worker: the messages' own buffers may be slices of
    // Node's shared pool, which cannot be transferred.
    const bytes = Buffer.concat(
      files.map((file) => file.raw),
      end,
    );
    // A small batch lands in the shared pool too: only then is the copy needed.
    const buffer =
      bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length
        ? bytes.buffer
        : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    const { results } = await this.worker.run('write', { files: names, bytes: buffer, ends }, [buffer]);
    return results.map((result) => {
      if (result === null) return undefined;
      const error: WriteError = new Error(result.message);
      if (result.code) error.code = result.code;
      return error;
    });
  }
}

/** The process's outbox writer, on the process's delivery worker. */
export const outboxWriter = new OutboxWriter();

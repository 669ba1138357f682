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
  /**
   * Shared memory the batches are copied into for the worker, reused from batch to batch: a fresh
   * buffer per batch costs a page fault per 4 KiB written to it, more than the copy itself.
   */
  readonly #spare: SharedArrayBuffer[] = [];

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
    const shared = this.#take(end);
    try {
      const bytes = Buffer.from(shared, 0, end);
      let offset = 0;
      for (const file of files) offset += file.raw.copy(bytes, offset);
      const { results } = await this.worker.run('write', { files: names, bytes: shared, ends });
      return results.map((result) => {
        if (result === null) return undefined;
        const error: WriteError = new Error(result.message);
        if (result.code) error.code = result.code;
        return error;
      });
    } finally {
      // Back for reuse once the worker has answered (or died): it no longer reads it.
      if (this.#spare.length < MAX_SPARE) this.#spare.push(shared);
    }
  }

  /** A spare buffer of at least `size` bytes, or a new one rounded up so that later batches fit. */
  #take(size: number): SharedArrayBuffer {
    const index = this.#spare.findIndex((buffer) => buffer.byteLength >= size);
    if (index !== -1) return this.#spare.splice(index, 1)[0] as SharedArrayBuffer;
    return new SharedArrayBuffer(Math.max(MIN_SHARED, 2 ** Math.ceil(Math.log2(Math.max(size, 1)))));
  }
}

/** Two batches may be in flight (one written, one copied), so two buffers are kept. */
const MAX_SPARE = 2;
const MIN_SHARED = 1 << 20;

/** The process's outbox writer, on the process's delivery worker. */
export const outboxWriter = new OutboxWriter();

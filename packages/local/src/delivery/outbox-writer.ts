import { type DeliveryWorker, DeliveryWorkerError, deliveryWorker } from './delivery-worker.js';

/** One file to write: its temporary name, its final name and its bytes. */
export interface FileToWrite {
  readonly tmp: string;
  readonly path: string;
  readonly raw: Buffer;
}

type WriteError = Error & { code?: string };

/**
 * Bytes per job: a chunk of large messages goes over in several jobs rather than one huge buffer
 * (500 messages with attachments could ask for gigabytes).
 */
const JOB_BYTES = 8 * 1024 * 1024;
/** Below this a job's buffer is a plain one, moved to the worker: reuse only pays for large copies. */
const SHARED_FROM_BYTES = 256 * 1024;
/** Two jobs may be in flight (one written, one copied), so two shared buffers are kept. */
const MAX_SPARE = 2;

/**
 * Writes files on the {@link DeliveryWorker} with synchronous calls, a batch per job. The async
 * `fs` calls would cost four hand-offs to libuv's thread pool per file (open, write, close, rename).
 */
export class OutboxWriter {
  /**
   * Shared memory large batches are copied into for the worker, reused from job to job: a fresh
   * megabyte-sized buffer per job costs a page fault per 4 KiB written to it, more than the copy.
   */
  readonly #spare: SharedArrayBuffer[] = [];

  constructor(private readonly worker: DeliveryWorker = deliveryWorker) {}

  /**
   * Writes the files; one result per file, in order: undefined when written, else its error. A
   * worker thread that dies fails the files it had not confirmed with a `DeliveryWorkerError`.
   */
  async write(files: readonly FileToWrite[]): Promise<(WriteError | undefined)[]> {
    const jobs: Promise<(WriteError | undefined)[]>[] = [];
    let start = 0;
    while (start < files.length) {
      let end = start;
      let bytes = 0;
      // At least one file per job, however large.
      do bytes += (files[end++] as FileToWrite).raw.length;
      while (end < files.length && bytes + (files[end] as FileToWrite).raw.length <= JOB_BYTES);
      jobs.push(this.#job(files.slice(start, end), bytes));
      start = end;
    }
    return (await Promise.all(jobs)).flat();
  }

  async #job(files: readonly FileToWrite[], size: number): Promise<(WriteError | undefined)[]> {
    const names: string[] = [];
    const ends: number[] = [];
    let end = 0;
    for (const file of files) {
      names.push(file.tmp, file.path);
      end += file.raw.length;
      ends.push(end);
    }
    const shared = size >= SHARED_FROM_BYTES ? this.#take(size) : undefined;
    try {
      let output: { results: ({ code?: string; message: string } | null)[] };
      if (shared) {
        const bytes = Buffer.from(shared, 0, size);
        let offset = 0;
        for (const file of files) offset += file.raw.copy(bytes, offset);
        output = await this.worker.run('write', { files: names, bytes: shared, ends });
      } else {
        // A new buffer of its own, moved rather than copied again.
        const bytes = Buffer.concat(
          files.map((file) => file.raw),
          size,
        );
        const buffer =
          bytes.byteOffset === 0 && bytes.buffer.byteLength === size
            ? bytes.buffer
            : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + size);
        output = await this.worker.run('write', { files: names, bytes: buffer, ends }, [buffer]);
      }
      return output.results.map((result) => {
        if (result === null) return undefined;
        const error: WriteError = new Error(result.message);
        if (result.code) error.code = result.code;
        return error;
      });
    } catch (error) {
      // The worker died (or the job could not be sent): each of these files failed, none is known
      // to be written; delivering them again replaces any that were.
      if (error instanceof DeliveryWorkerError) return files.map(() => error);
      throw error;
    } finally {
      // Back for reuse once the worker has answered (or died): it no longer reads it. One made for
      // a single oversized message is not kept.
      if (shared && shared.byteLength <= JOB_BYTES && this.#spare.length < MAX_SPARE)
        this.#spare.push(shared);
    }
  }

  /** A spare shared buffer of at least `size` bytes, or a new one with room for a full job. */
  #take(size: number): SharedArrayBuffer {
    const index = this.#spare.findIndex((buffer) => buffer.byteLength >= size);
    if (index !== -1) return this.#spare.splice(index, 1)[0] as SharedArrayBuffer;
    return new SharedArrayBuffer(Math.max(size, JOB_BYTES));
  }
}

/** The process's outbox writer, on the process's delivery worker. */
export const outboxWriter = new OutboxWriter();

import type { KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program, as source: it runs the same from the sources (tests) and from the
 * bundle, as a script or a module (builtins come from `process.getBuiltinModule`, not `require`).
 * Two jobs, each a batch per message, answered in order:
 * - `sign`: RSA-SHA256 signatures (`crypto.sign`) in base64, each item failing on its own (an
 *   unknown key index is flagged retryable). Keys are sent once (`newKeys`), then named by index.
 * - `write`: each file written under its temporary name (created, never overwritten) and renamed
 *   into place; a file that fails loses its temporary file and reports its error's code and message.
 */
const WORKER_SOURCE = `
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { sign } = process.getBuiltinModule('node:crypto');
const { closeSync, openSync, renameSync, unlinkSync, writeSync } = process.getBuiltinModule('node:fs');
let keys = [];

function signAll({ resetKeys, newKeys, items }) {
  if (resetKeys) keys = [];
  for (const [index, key] of newKeys) keys[index] = key;
  const signatures = new Array(items.length / 2).fill(null);
  const failures = [];
  for (let i = 0; i < items.length; i += 2) {
    const key = keys[items[i]];
    // A key this worker was never sent (it restarted, or the job carrying it was lost).
    if (key === undefined) {
      failures.push([i / 2, 'the signing key is unknown to the worker thread', true]);
      continue;
    }
    try {
      signatures[i / 2] = sign('sha256', Buffer.from(items[i + 1], 'latin1'), key).toString('base64');
    } catch (error) {
      failures.push([i / 2, String((error && error.message) || error), false]);
    }
  }
  return { signatures, failures };
}

function writeAll({ files, bytes, ends }) {
  const all = Buffer.from(bytes);
  const results = new Array(files.length / 2);
  let start = 0;
  for (let i = 0; i < files.length; i += 2) {
    const tmp = files[i];
    const raw = all.subarray(start, ends[i / 2]);
    start = ends[i / 2];
    try {
      const fd = openSync(tmp, 'wx', 0o644);
      try {
        let written = 0;
        while (written < raw.length) written += writeSync(fd, raw, written, raw.length - written, null);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, files[i + 1]);
      results[i / 2] = null;
    } catch (error) {
      try { unlinkSync(tmp); } catch {}
      results[i / 2] = { code: error && error.code, message: String((error && error.message) || error) };
    }
  }
  return { results };
}

parentPort.on('message', ({ id, job, input }) => {
  parentPort.postMessage({ id, output: job === 'sign' ? signAll(input) : writeAll(input) });
});
`;

/**
 * The worker thread failed (it could not start, crashed or exited), not the job: trying again later
 * may well succeed.
 */
export class DeliveryWorkerError extends Error {
  override readonly name = 'DeliveryWorkerError';
}

/** The jobs the worker does, their input and what it answers. */
export interface DeliveryJobs {
  sign: {
    input: { resetKeys: boolean; newKeys: [number, KeyObject][]; items: (number | string)[] };
    /** `failures`: item index, message, and whether trying again may work. */
    output: { signatures: (string | null)[]; failures: [number, string, boolean][] };
  };
  write: {
    input: { files: string[]; bytes: ArrayBuffer | SharedArrayBuffer; ends: number[] };
    output: { results: ({ code?: string; message: string } | null)[] };
  };
}

/**
 * One worker thread for the CPU- and disk-bound steps of delivering a batch (DKIM signatures,
 * outbox files), so that the main thread composes and records (it signs too when this thread falls
 * behind: see `SigningWorker`). Work goes over in batches: a
 * hand-off per item (what `crypto.sign` with a callback and the async `fs` calls do on libuv's
 * thread pool) costs the main thread as much as composing the message, at thousands a second.
 *
 * Started by the first job; it never keeps the process alive while idle. If it dies, the jobs in
 * flight fail with a {@link DeliveryWorkerError} and the next job starts a new one.
 */
export class DeliveryWorker {
  /** The signing keys the running worker holds (a new worker holds none). */
  readonly keys = new WorkerKeys();
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #inFlight = new Map<number, (output: unknown) => void>();
  readonly #failures = new Map<number, (error: Error) => void>();

  run<J extends keyof DeliveryJobs>(
    job: J,
    input: DeliveryJobs[J]['input'],
    transfer: ArrayBuffer[] = [],
  ): Promise<DeliveryJobs[J]['output']> {
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = this.#start();
      } catch (error) {
        reject(error);
        return;
      }
      const id = this.#nextId++;
      this.#inFlight.set(id, resolve as (output: unknown) => void);
      this.#failures.set(id, reject);
      if (this.#inFlight.size === 1) worker.ref();
      try {
        worker.postMessage({ id, job, input }, transfer);
      } catch (error) {
        // Input that cannot be sent: this job fails, the worker goes on.
        this.#inFlight.delete(id);
        this.#failures.delete(id);
        if (this.#inFlight.size === 0) worker.unref();
        reject(error);
      }
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    // No inherited flags (a loader such as tsx): the program needs only Node's builtins.
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    } catch (error) {
      throw new DeliveryWorkerError('the delivery worker thread could not start', { cause: error });
    }
    worker.unref();
    worker.on('message', ({ id, output }: { id: number; output: unknown }) => {
      const settle = this.#inFlight.get(id);
      this.#inFlight.delete(id);
      this.#failures.delete(id);
      if (this.#inFlight.size === 0) worker.unref();
      settle?.(output);
    });
    const fail = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      for (const reject of this.#failures.values()) reject(error);
      this.#inFlight.clear();
      this.#failures.clear();
    };
    worker.on('error', (error) =>
      fail(new DeliveryWorkerError(`the delivery worker thread failed: ${error.message}`, { cause: error })),
    );
    worker.on('exit', (code) =>
      fail(new DeliveryWorkerError(`the delivery worker thread exited (code ${code})`)),
    );
    // An answer that cannot be read would leave its job waiting for ever: start over instead.
    worker.on('messageerror', (error) => {
      fail(
        new DeliveryWorkerError(`an answer of the delivery worker thread was unreadable: ${error.message}`),
      );
      void worker.terminate();
    });
    this.#worker = worker;
    this.keys.forget();
    return worker;
  }
}

/** Distinct keys a worker holds before its table starts over (keys parsed anew are new objects). */
const MAX_KEYS = 256;

/**
 * Which signing keys the worker holds, by index: cloning a key costs more than a signature, so each
 * is sent once and then named by its index.
 */
export class WorkerKeys {
  #index = new WeakMap<KeyObject, number>();
  #count = 0;
  #reset = false;

  /**
   * Starts a job's key list: whether the worker must drop its table first (after {@link forget},
   * or when it holds too many keys).
   */
  begin(): boolean {
    if (this.#count >= MAX_KEYS) this.forget();
    const reset = this.#reset;
    this.#reset = false;
    return reset;
  }

  /** The index of `key`; a key the worker does not hold yet is added to `newKeys` to go with the job. */
  indexOf(key: KeyObject, newKeys: [number, KeyObject][]): number {
    let index = this.#index.get(key);
    if (index === undefined) {
      index = this.#count++;
      this.#index.set(key, index);
      newKeys.push([index, key]);
    }
    return index;
  }

  /** Keys sent may not have arrived (a job lost, a new worker): send every key again, from index 0. */
  forget(): void {
    this.#index = new WeakMap();
    this.#count = 0;
    this.#reset = true;
  }
}

/** The process's one delivery worker. */
export const deliveryWorker = new DeliveryWorker();

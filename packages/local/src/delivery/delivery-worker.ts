import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program, as source: it runs the same from the sources (tests) and from the
 * bundle, as a script or a module (builtins come from `process.getBuiltinModule`, not `require`).
 * Two jobs, each a batch per message, answered in order:
 * - `sign`: RSA-SHA256 signatures (`crypto.sign`) in base64, or the error of the first that failed.
 *   Keys are sent once (`newKeys`) and then named by index.
 * - `write`: each file written under its temporary name (created, never overwritten) and renamed
 *   into place; a file that fails loses its temporary file and reports its error's code and message.
 */
const WORKER_SOURCE = `
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { sign } = process.getBuiltinModule('node:crypto');
const { closeSync, openSync, renameSync, unlinkSync, writeSync } = process.getBuiltinModule('node:fs');
const keys = [];

function signAll({ newKeys, items }) {
  for (const [index, key] of newKeys) keys[index] = key;
  try {
    const signatures = new Array(items.length / 2);
    for (let i = 0; i < items.length; i += 2) {
      signatures[i / 2] = sign('sha256', Buffer.from(items[i + 1], 'latin1'), keys[items[i]]).toString('base64');
    }
    return { signatures };
  } catch (error) {
    return { error: String((error && error.message) || error) };
  }
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

/** The jobs the worker does, their input and what it answers. */
export interface DeliveryJobs {
  sign: {
    input: { newKeys: [number, unknown][]; items: (number | string)[] };
    output: { signatures?: string[]; error?: string };
  };
  write: {
    input: { files: string[]; bytes: ArrayBuffer | SharedArrayBuffer; ends: number[] };
    output: { results: ({ code?: string; message: string } | null)[] };
  };
}

/**
 * One worker thread for the CPU- and disk-bound steps of delivering a batch (DKIM signatures,
 * outbox files), so that the main thread only composes and records. Work goes over in batches: a
 * hand-off per item (what `crypto.sign` with a callback and the async `fs` calls do on libuv's
 * thread pool) costs the main thread as much as composing the message, at thousands a second.
 *
 * Started by the first job; it never keeps the process alive while idle. If it dies, the jobs in
 * flight fail and the next job starts a new one ({@link generation} tells users to resend state).
 */
export class DeliveryWorker {
  #worker: Worker | undefined;
  #nextId = 0;
  #generation = 0;
  readonly #inFlight = new Map<number, (output: unknown) => void>();
  readonly #failures = new Map<number, (error: Error) => void>();

  /** Which worker the next job goes to: it changes when a worker dies and another starts. */
  get generation(): number {
    this.#start();
    return this.#generation;
  }

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
      worker.postMessage({ id, job, input }, transfer);
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    // No inherited flags (a loader such as tsx): the program needs only Node's builtins.
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
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
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the delivery worker thread exited (code ${code})`)));
    this.#worker = worker;
    this.#generation += 1;
    return worker;
  }
}

/** The process's one delivery worker. */
export const deliveryWorker = new DeliveryWorker();

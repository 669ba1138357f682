import type { KeyObject } from 'node:crypto';
import { type DeliveryWorker, DeliveryWorkerError, deliveryWorker } from './delivery-worker.js';

/** Items signed per job: large enough that a hand-off costs little per item. */
const BATCH_SIZE = 32;

interface Pending {
  readonly resolve: (signature: string) => void;
  readonly reject: (error: Error) => void;
}

interface Batch {
  readonly resetKeys: boolean;
  /** Keys the worker does not hold yet, with their index. */
  readonly newKeys: [number, KeyObject][];
  /** Key index and latin1 data, alternating: one flat array clones faster than objects. */
  readonly items: (number | string)[];
  readonly pending: Pending[];
}

/**
 * Signs on the {@link DeliveryWorker}, in batches: every signature requested during one turn of
 * the event loop (up to {@link BATCH_SIZE}) goes over as one job. Each signature succeeds or fails
 * on its own; a failure of the worker thread (not of the key or the data) is a
 * {@link DeliveryWorkerError}, worth trying again.
 */
export class SigningWorker {
  #batch: Batch | undefined;

  constructor(private readonly worker: DeliveryWorker = deliveryWorker) {}

  /** The base64 RSA-SHA256 signature of `data` (latin1) with `key`. */
  sign(key: KeyObject, data: string): Promise<string> {
    return new Promise((resolve, reject) => {
      let batch = this.#batch;
      if (!batch) {
        batch = { resetKeys: this.worker.keys.begin(), newKeys: [], items: [], pending: [] };
        this.#batch = batch;
        // Whatever is queued by the end of this turn goes together, however few.
        setImmediate(() => this.#flush(batch as Batch));
      }
      batch.items.push(this.worker.keys.indexOf(key, batch.newKeys), data);
      batch.pending.push({ resolve, reject });
      if (batch.pending.length >= BATCH_SIZE) this.#flush(batch);
    });
  }

  #flush(batch: Batch): void {
    if (this.#batch !== batch) return; // sent already, when it filled up
    this.#batch = undefined;
    // The callbacks below keep only `pending`: the data to sign can go once it is sent.
    const { resetKeys, newKeys, items, pending } = batch;
    this.worker.run('sign', { resetKeys, newKeys, items }).then(
      ({ signatures, failures }) => {
        for (const [index, message, retryable] of failures) {
          // A key the worker never got: the table is resent with the next job.
          if (retryable) this.worker.keys.forget();
          const error = retryable
            ? new DeliveryWorkerError(`DKIM signing failed: ${message}`)
            : new Error(`DKIM signing failed: ${message}`);
          pending[index]?.reject(error);
        }
        pending.forEach((item, index) => {
          const signature = signatures[index];
          if (signature !== null && signature !== undefined) item.resolve(signature);
        });
      },
      (error: Error) => {
        // The keys this job carried may never have reached the worker: send them all again.
        this.worker.keys.forget();
        for (const item of pending) item.reject(error);
      },
    );
  }
}

/** The process's signer, on the process's delivery worker. */
export const signingWorker = new SigningWorker();

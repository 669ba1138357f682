import { type KeyObject, sign } from 'node:crypto';
import { type DeliveryWorker, DeliveryWorkerError, deliveryWorker } from './delivery-worker.js';

/** Items signed per job: large enough that a hand-off costs little per item. */
const BATCH_SIZE = 32;
/**
 * Signatures waiting on the worker from which the calling thread signs the next batch itself.
 * When the worker is the slower of the two threads (a batch with DKIM on two cores: it also writes
 * the outbox files), the batch composer would otherwise wait for it; past this backlog the caller
 * has nothing better to do, and the worker still holds a few jobs (~10 ms of work) so it never idles.
 * Measured in bench/local.md (round 11): 64, 128 and 192 tried, 128 best.
 */
const BACKLOG = 128;

interface Pending {
  readonly key: KeyObject;
  readonly resolve: (signature: string) => void;
  readonly reject: (error: Error) => void;
}

interface Batch {
  readonly resetKeys: boolean;
  /** Keys the worker does not hold yet, with their index. */
  readonly newKeys: [number, KeyObject][];
  /** Key index and latin1 data, alternating: one flat array clones faster than objects. */
  readonly items: (number | string)[];
  /** One per item, in order. */
  readonly pending: Pending[];
}

/**
 * Signs on the {@link DeliveryWorker}, in batches: every signature requested during one turn of
 * the event loop (up to {@link BATCH_SIZE}) goes over as one job, unless the worker is already
 * {@link BACKLOG} signatures behind: then the calling thread signs the batch itself. Each signature
 * succeeds or fails on its own; a failure of the worker thread (not of the key or the data) is a
 * {@link DeliveryWorkerError}, worth trying again.
 */
export class SigningWorker {
  #batch: Batch | undefined;
  /** Signatures sent to the worker and not answered yet. */
  #waiting = 0;

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
      batch.pending.push({ key, resolve, reject });
      if (batch.pending.length >= BATCH_SIZE) this.#flush(batch);
    });
  }

  #flush(batch: Batch): void {
    if (this.#batch !== batch) return; // sent already, when it filled up
    this.#batch = undefined;
    if (this.#waiting >= BACKLOG) {
      this.#signHere(batch);
      return;
    }
    // The callbacks below keep only `pending`: the data to sign can go once it is sent.
    const { resetKeys, newKeys, items, pending } = batch;
    this.#waiting += pending.length;
    this.worker.run('sign', { resetKeys, newKeys, items }).then(
      ({ signatures, failures }) => {
        this.#waiting -= pending.length;
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
        this.#waiting -= pending.length;
        // The keys this job carried may never have reached the worker: send them all again.
        this.worker.keys.forget();
        for (const item of pending) item.reject(error);
      },
    );
  }

  /** Signs a batch on this thread (synchronously), each item failing on its own. */
  #signHere({ resetKeys, newKeys, items, pending }: Batch): void {
    // The keys this batch would have carried, or the reset it would have asked for, must still
    // reach the worker: its next job sends the whole table again.
    if (resetKeys || newKeys.length > 0) this.worker.keys.forget();
    pending.forEach((item, index) => {
      let signature: string;
      try {
        signature = sign('sha256', Buffer.from(items[2 * index + 1] as string, 'latin1'), item.key).toString(
          'base64',
        );
      } catch (error) {
        item.reject(new Error(`DKIM signing failed: ${(error as Error).message}`));
        return;
      }
      item.resolve(signature);
    });
  }
}

/** The process's signer, on the process's delivery worker. */
export const signingWorker = new SigningWorker();

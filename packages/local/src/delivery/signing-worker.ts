import type { KeyObject } from 'node:crypto';
import { type DeliveryWorker, deliveryWorker } from './delivery-worker.js';

/** Items signed per job: large enough that a hand-off costs little per item. */
const BATCH_SIZE = 32;

interface Pending {
  readonly resolve: (signature: string) => void;
  readonly reject: (error: Error) => void;
}

interface Batch {
  readonly worker: number;
  /** Keys the worker has not seen yet, with their index. */
  readonly newKeys: [number, KeyObject][];
  /** Key index and latin1 data, alternating: one flat array clones faster than objects. */
  readonly items: (number | string)[];
  readonly pending: Pending[];
}

/**
 * Signs on the {@link DeliveryWorker}, in batches: every signature requested during one turn of
 * the event loop (up to {@link BATCH_SIZE}) goes over as one job.
 */
export class SigningWorker {
  #batch: Batch | undefined;
  /** Each key is sent to a worker once (cloning a key costs more than a signature), then named by index. */
  #keyIndex = new WeakMap<KeyObject, number>();
  #keyCount = 0;
  #keysFor = 0;

  constructor(private readonly worker: DeliveryWorker = deliveryWorker) {}

  /** The base64 RSA-SHA256 signature of `data` (latin1) with `key`. */
  sign(key: KeyObject, data: string): Promise<string> {
    return new Promise((resolve, reject) => {
      let batch = this.#batch;
      if (!batch) {
        let generation: number;
        try {
          generation = this.worker.generation;
        } catch (error) {
          reject(error);
          return;
        }
        // A new worker has none of the keys.
        if (generation !== this.#keysFor) {
          this.#keysFor = generation;
          this.#keyIndex = new WeakMap();
        }
        batch = { worker: generation, newKeys: [], items: [], pending: [] };
        this.#batch = batch;
        // Whatever is queued by the end of this turn goes together, however few.
        setImmediate(() => this.#flush(batch as Batch));
      }
      let keyIndex = this.#keyIndex.get(key);
      if (keyIndex === undefined) {
        keyIndex = this.#keyCount++;
        this.#keyIndex.set(key, keyIndex);
        batch.newKeys.push([keyIndex, key]);
      }
      batch.items.push(keyIndex, data);
      batch.pending.push({ resolve, reject });
      if (batch.pending.length >= BATCH_SIZE) this.#flush(batch);
    });
  }

  #flush(batch: Batch): void {
    if (this.#batch !== batch) return; // sent already, when it filled up
    this.#batch = undefined;
    const sent =
      this.worker.generation === batch.worker
        ? this.worker.run('sign', { newKeys: batch.newKeys, items: batch.items })
        : Promise.reject(new Error('the delivery worker thread restarted before the batch was sent'));
    sent.then(
      ({ signatures, error }) => {
        const failure = signatures ? undefined : new Error(`DKIM signing failed: ${error}`);
        batch.pending.forEach((item, index) => {
          if (failure) item.reject(failure);
          else item.resolve(signatures?.[index] as string);
        });
      },
      (error: Error) => {
        for (const item of batch.pending) item.reject(error);
      },
    );
  }
}

/** The process's signer, on the process's delivery worker. */
export const signingWorker = new SigningWorker();

import type { z } from 'zod';

/** How a list action pages: where the items and the total live in its wire output. */
export interface ListShape {
  /** Wire key of the array of items, e.g. `TemplatesMetadata`. */
  readonly itemsKey: string;
  /** Wire key of the total count, when the action returns one. */
  readonly totalKey?: string;
}

/**
 * One SES action, declared once as data. Resources, backends, the emulator and the CLI all read it.
 * Wire schemas are PascalCase exactly as the API; output schemas are loose (unknown fields pass).
 */
export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly action: string;
  readonly input: I;
  readonly output: O;
  /**
   * True when repeating the call cannot cause a second effect (reads, and writes that converge).
   * `SendEmail` and `BatchSendEmail` are false: they are retried only when provably not accepted.
   */
  readonly idempotent: boolean;
  /** Documented per-action request rate (requests per second). */
  readonly ratePerSecond: number;
  readonly list?: ListShape;
}

/** Declares an operation; the identity function keeps the literal types of its schemas. */
export function defineOperation<I extends z.ZodType, O extends z.ZodType>(
  op: Omit<Operation<I, O>, 'ratePerSecond'> & { ratePerSecond?: number },
): Operation<I, O> {
  return { ratePerSecond: 20, ...op };
}

import type * as z from 'zod';

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
  /** The wire input schema, built on first read (see {@link defineOperation}). */
  readonly input: I;
  /** The wire output schema, built on first read. */
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

/** What {@link defineOperation} takes: an {@link Operation} whose schemas are given as builders. */
export interface OperationDefinition<I extends z.ZodType, O extends z.ZodType>
  extends Omit<Operation<I, O>, 'input' | 'output' | 'ratePerSecond'> {
  readonly input: () => I;
  readonly output: () => O;
  /** Defaults to 20, the rate most actions document. */
  readonly ratePerSecond?: number;
}

/**
 * Declares an operation, keeping the literal types of its schemas. Each schema is built on the
 * first read of `input`/`output` and then reused: building all 36 actions' zod schemas when the
 * module loads cost a CLI run about as much as the rest of its start-up, and a run calls one or
 * two actions (measured in bench/cli.md).
 */
export function defineOperation<I extends z.ZodType, O extends z.ZodType>(
  definition: OperationDefinition<I, O>,
): Operation<I, O> {
  const { input, output, ratePerSecond = 20, ...rest } = definition;
  let inputSchema: I | undefined;
  let outputSchema: O | undefined;
  return {
    ...rest,
    ratePerSecond,
    get input() {
      inputSchema ??= input();
      return inputSchema;
    },
    get output() {
      outputSchema ??= output();
      return outputSchema;
    },
  };
}

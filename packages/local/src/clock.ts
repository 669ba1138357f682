/**
 * Emulated time: a real clock plus an offset that "time travel" grows. The offset lives wherever
 * `offsetStore` keeps it (the database's `meta` table for a backend), so every process sharing a
 * data directory sees the same emulated time and a restart keeps it.
 */
export interface Clock {
  /** Emulated now in epoch milliseconds. */
  nowMs(): number;
  /** Emulated now. */
  now(): Date;
  /** The persisted offset added to the real clock. @unit milliseconds */
  offsetMs(): number;
  /** Moves emulated time forward by `ms` (never backwards). */
  advance(ms: number): void;
}

/** Where a clock keeps its offset. */
export interface OffsetStore {
  read(): number;
  /** Adds `ms` to the offset as one atomic step: two processes advancing at once both count. */
  add(ms: number): void;
}

/** The longest single jump: larger ones are a typo more often than not. @unit milliseconds */
export const MAX_ADVANCE_MS = 366 * 86_400_000;
/**
 * The most emulated time may run ahead of the real clock: far enough for any plan or schedule,
 * and short of the year 9999, past which the service's dates have no four-digit year to name them.
 * @unit milliseconds
 */
export const MAX_OFFSET_MS = 100 * 366 * 86_400_000;

/**
 * Builds the clock. `realNow` is injectable so tests control time; it defaults to the system clock.
 * @throws {RangeError} from `advance` when `ms` is negative, not finite, over {@link MAX_ADVANCE_MS},
 *   or would take the offset over {@link MAX_OFFSET_MS}.
 */
export function createClock(offsetStore: OffsetStore, realNow: () => number = Date.now): Clock {
  const nowMs = () => realNow() + offsetStore.read();
  return {
    nowMs,
    now: () => new Date(nowMs()),
    offsetMs: () => offsetStore.read(),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
        throw new RangeError(
          `advanceTime: ms must be a number from 0 to ${MAX_ADVANCE_MS} (366 days; time only moves forward), got ${ms}`,
        );
      }
      if (offsetStore.read() + ms > MAX_OFFSET_MS) {
        throw new RangeError(
          `advanceTime: emulated time may run at most ${MAX_OFFSET_MS} ms (about 100 years) ahead of the real clock`,
        );
      }
      offsetStore.add(Math.round(ms));
    },
  };
}

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

/**
 * Builds the clock. `realNow` is injectable so tests control time; it defaults to the system clock.
 * @throws {RangeError} from `advance` when `ms` is negative or not finite.
 */
export function createClock(offsetStore: OffsetStore, realNow: () => number = Date.now): Clock {
  const nowMs = () => realNow() + offsetStore.read();
  return {
    nowMs,
    now: () => new Date(nowMs()),
    offsetMs: () => offsetStore.read(),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(
          `advanceTime: ms must be a finite number ≥ 0 (time only moves forward), got ${ms}`,
        );
      }
      offsetStore.add(Math.round(ms));
    },
  };
}

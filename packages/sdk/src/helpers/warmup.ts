import { ValidationError } from '../core/errors.js';
import { calendarDate, calendarDaysBetween, SES_TIME_ZONE } from './calendar.js';

/** One step of a warm-up plan: on warm-up day `day`, at most `limit` batch emails go out. */
export interface WarmupPlanDay {
  readonly day: number;
  readonly limit: number;
}

/**
 * A warm-up plan: daily maxima for days 1…n, contiguous and non-decreasing. After day n the last
 * limit holds for good.
 */
export interface WarmupPlan {
  readonly days: readonly WarmupPlanDay[];
}

/**
 * The service's default automatic warm-up plan for batch sending (emails per day), as published in
 * the product documentation's default-rules table.
 */
export const DEFAULT_WARMUP_PLAN: WarmupPlan = deepFreeze({
  days: [
    { day: 1, limit: 500 },
    { day: 2, limit: 1_000 },
    { day: 3, limit: 2_000 },
    { day: 4, limit: 5_000 },
    { day: 5, limit: 10_000 },
    { day: 6, limit: 20_000 },
    { day: 7, limit: 40_000 },
    { day: 8, limit: 60_000 },
    { day: 9, limit: 80_000 },
    { day: 10, limit: 100_000 },
    { day: 11, limit: 150_000 },
    { day: 12, limit: 200_000 },
    { day: 13, limit: 300_000 },
    { day: 14, limit: 400_000 },
    { day: 15, limit: 500_000 },
    { day: 16, limit: 600_000 },
    { day: 17, limit: 700_000 },
    { day: 18, limit: 800_000 },
    { day: 19, limit: 900_000 },
    { day: 20, limit: 1_000_000 },
  ],
});

/**
 * Reads a warm-up plan from JSON text or an already parsed value: `{ "days": [{ "day": 1, "limit":
 * 500 }, …] }` (other top-level fields, such as `description`, are ignored) or the bare array.
 * Days must run 1, 2, 3, … without gaps; limits must be positive integers that never decrease.
 * @throws {ValidationError} naming the offending day, e.g. `days.3.limit: day 4: limit 1500 is below
 * day 3's 2000`.
 */
export function parseWarmupPlan(json: unknown): WarmupPlan {
  const value = typeof json === 'string' ? parseJson(json) : json;
  const days = Array.isArray(value) ? value : isRecord(value) ? value['days'] : undefined;
  if (!Array.isArray(days)) {
    throw new ValidationError(
      'warmupPlan',
      'must be { "days": [{ "day": 1, "limit": 500 }, …] } or that array',
    );
  }
  if (days.length === 0) throw new ValidationError('days', 'must list at least day 1');
  const parsed: WarmupPlanDay[] = [];
  days.forEach((entry: unknown, index) => {
    const expected = index + 1;
    if (!isRecord(entry))
      throw new ValidationError(`days.${index}`, `day ${expected}: must be { day, limit }`);
    const { day, limit } = entry;
    if (day !== expected) {
      throw new ValidationError(`days.${index}.day`, `expected day ${expected}, got ${JSON.stringify(day)}`);
    }
    if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit <= 0) {
      throw new ValidationError(
        `days.${index}.limit`,
        `day ${day}: limit must be a positive integer, got ${JSON.stringify(limit)}`,
      );
    }
    const previous = parsed[index - 1];
    if (previous && limit < previous.limit) {
      throw new ValidationError(
        `days.${index}.limit`,
        `day ${day}: limit ${limit} is below day ${previous.day}'s ${previous.limit}`,
      );
    }
    parsed.push({ day, limit });
  });
  return deepFreeze({ days: parsed });
}

/**
 * The most batch emails allowed on warm-up day `day`; past the plan's last day its limit holds.
 * @throws {ValidationError} `day` when it is not a positive integer.
 * @throws {ValidationError} `days…` when `plan` breaks the rules of {@link parseWarmupPlan}.
 * @example quotaForDay(DEFAULT_WARMUP_PLAN, 3) // 2000
 */
export function quotaForDay(plan: WarmupPlan, day: number): number {
  if (!Number.isSafeInteger(day) || day < 1) {
    throw new ValidationError('day', `must be a positive integer, got ${day}`);
  }
  const { days } = checkedPlan(plan);
  return (days[Math.min(day, days.length) - 1] as WarmupPlanDay).limit;
}

// Plans already checked, so that the quota of a busy sending loop is not re-validated every time.
const checkedPlans = new WeakMap<WarmupPlan, WarmupPlan>();

/** `plan` as {@link parseWarmupPlan} accepts it, checked once per plan object. */
function checkedPlan(plan: WarmupPlan): WarmupPlan {
  let checked = checkedPlans.get(plan);
  if (!checked) {
    checked = parseWarmupPlan(plan);
    checkedPlans.set(plan, checked);
    checkedPlans.set(checked, checked);
  }
  return checked;
}

/** Inputs of {@link warmupStatus}. */
export interface WarmupStatusInput {
  /** @default DEFAULT_WARMUP_PLAN */
  readonly plan?: WarmupPlan | undefined;
  /** Today's warm-up day (see {@link warmupDay}). */
  readonly day: number;
  /** Batch emails already sent today. */
  readonly sentToday: number;
  /**
   * Emails waiting in the cache for a later day's quota (`CacheCount`).
   * @default 0
   */
  readonly cached?: number | undefined;
}

/** Where a sender domain stands in its warm-up today. */
export interface WarmupStatus {
  readonly day: number;
  /** Today's maximum. */
  readonly quota: number;
  readonly sentToday: number;
  /** How many more may go out today; never negative. */
  readonly remainingToday: number;
  readonly cached: number;
}

/**
 * Today's quota and what is left of it.
 * @example warmupStatus({ day: 2, sentToday: 300 }) // { day: 2, quota: 1000, sentToday: 300, remainingToday: 700, cached: 0 }
 */
export function warmupStatus(input: WarmupStatusInput): WarmupStatus {
  const { plan = DEFAULT_WARMUP_PLAN, day, sentToday, cached = 0 } = input;
  count('sentToday', sentToday);
  count('cached', cached);
  const quota = quotaForDay(plan, day);
  return { day, quota, sentToday, remainingToday: Math.max(0, quota - sentToday), cached };
}

/** Inputs of {@link projectWarmup}. */
export interface WarmupProjectionInput {
  /** @default DEFAULT_WARMUP_PLAN */
  readonly plan?: WarmupPlan | undefined;
  /** Emails to send. */
  readonly volume: number;
  /**
   * Warm-up day of the first day of the projection ("today").
   * @default 1
   */
  readonly startDay?: number | undefined;
  /**
   * Emails already sent on `startDay`, which use up part of its quota.
   * @default 0
   */
  readonly sentToday?: number | undefined;
}

/** One day of a projection. */
export interface WarmupProjectionDay {
  /** Warm-up day number. */
  readonly day: number;
  /** Emails of the volume sent that day. */
  readonly count: number;
  /** Emails of the volume sent up to and including that day. */
  readonly cumulative: number;
}

/** How a volume spreads over the warm-up. */
export interface WarmupProjection {
  /** One entry per calendar day from `startDay` to the day the last email goes out. */
  readonly schedule: readonly WarmupProjectionDay[];
  /** Calendar days needed, today included (`schedule.length`); 0 for an empty volume. */
  readonly days: number;
}

/** The longest projection {@link projectWarmup} builds: ten years of days. */
export const MAX_PROJECTION_DAYS = 3660;

/**
 * Projects how `volume` emails go out under the plan when every day's quota is used in full and the
 * rest is cached for the next day. If today's quota is already spent, today appears with count 0.
 * @throws {ValidationError} for an invalid plan, a negative or fractional count, or a volume that
 *   needs more than {@link MAX_PROJECTION_DAYS} days.
 * @example projectWarmup({ volume: 10_000 }).schedule.map((d) => d.count) // [500, 1000, 2000, 5000, 1500]
 */
export function projectWarmup(input: WarmupProjectionInput): WarmupProjection {
  const { plan = DEFAULT_WARMUP_PLAN, volume, startDay = 1, sentToday = 0 } = input;
  // Validating up front also guarantees every quota is positive, so the loop below terminates.
  const checked = checkedPlan(plan);
  count('volume', volume);
  count('sentToday', sentToday);
  quotaForDay(checked, startDay);
  const schedule: WarmupProjectionDay[] = [];
  let cumulative = 0;
  let used = sentToday;
  for (let day = startDay; cumulative < volume; day++) {
    // One entry per day: a volume that needs years at the plan's last limit is refused, not built.
    if (schedule.length === MAX_PROJECTION_DAYS) {
      throw new ValidationError(
        'volume',
        `needs more than ${MAX_PROJECTION_DAYS} days at this plan (${volume} emails); project a smaller volume`,
      );
    }
    const sent = Math.min(Math.max(0, quotaForDay(checked, day) - used), volume - cumulative);
    cumulative += sent;
    schedule.push({ day, count: sent, cumulative });
    used = 0;
  }
  return { schedule, days: schedule.length };
}

/**
 * The warm-up day number on `now`: 1 on the calendar day of the first send, 2 the next calendar
 * day, and so on, with days counted in `timeZone`. Calendar days, not 24-hour periods: a first send
 * at 23:59 and a send at 00:00 are days 1 and 2.
 * @param firstSend the instant of the first send, or its calendar date `YYYY-MM-DD` in `timeZone`.
 * @default timeZone 'Asia/Shanghai'
 * @throws {ValidationError} `now` when it falls on an earlier calendar day than the first send.
 */
export function warmupDay(firstSend: Date | string, now: Date, timeZone: string = SES_TIME_ZONE): number {
  const first = typeof firstSend === 'string' ? firstSend : calendarDate(firstSend, timeZone);
  const today = calendarDate(now, timeZone);
  let elapsed: number;
  try {
    elapsed = calendarDaysBetween(first, today);
  } catch (error) {
    // Name this function's parameter, not the calendar helper's.
    if (error instanceof ValidationError) throw new ValidationError('firstSend', error.rule);
    throw error;
  }
  if (elapsed < 0) throw new ValidationError('now', `${today} is before the first send on ${first}`);
  return elapsed + 1;
}

function count(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(field, `must be a non-negative integer, got ${value}`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('warmupPlan', 'is not valid JSON');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepFreeze(plan: { days: WarmupPlanDay[] }): WarmupPlan {
  for (const day of plan.days) Object.freeze(day);
  Object.freeze(plan.days);
  return Object.freeze(plan);
}

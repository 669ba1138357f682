import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import {
  DEFAULT_WARMUP_PLAN,
  MAX_PROJECTION_DAYS,
  parseWarmupPlan,
  projectWarmup,
  quotaForDay,
  type WarmupPlan,
  warmupDay,
  warmupStatus,
} from './warmup.js';

/** Copy of the shared reference `warmup-default-plan.json` (the documented default plan). */
const PLAN_TEXT = readFileSync(new URL('./warmup-default-plan.json', import.meta.url), 'utf8');
const PLAN_FILE = JSON.parse(PLAN_TEXT) as { days: { day: number; limit: number }[] };

function failure(call: () => unknown): ValidationError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

const plan = (...limits: number[]): WarmupPlan => ({
  days: limits.map((limit, i) => ({ day: i + 1, limit })),
});

describe('DEFAULT_WARMUP_PLAN', () => {
  it('is the documented plan, days 1 to 20', () => {
    expect(DEFAULT_WARMUP_PLAN).toEqual({ days: PLAN_FILE.days });
    expect(DEFAULT_WARMUP_PLAN.days.map((d) => d.day)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('is frozen so no caller can change the default for everyone', () => {
    expect(Object.isFrozen(DEFAULT_WARMUP_PLAN)).toBe(true);
    expect(Object.isFrozen(DEFAULT_WARMUP_PLAN.days)).toBe(true);
    expect(Object.isFrozen(DEFAULT_WARMUP_PLAN.days[0])).toBe(true);
  });
});

describe('parseWarmupPlan', () => {
  it('reads the plan file format from text, ignoring description and unit', () => {
    expect(parseWarmupPlan(PLAN_TEXT)).toEqual(DEFAULT_WARMUP_PLAN);
  });

  it('reads a bare array and drops unknown fields of a day', () => {
    expect(
      parseWarmupPlan([
        { day: 1, limit: 10, note: 'x' },
        { day: 2, limit: 10 },
      ]),
    ).toEqual(plan(10, 10));
  });

  it.each([
    ['not JSON', '{days:', 'warmupPlan', 'is not valid JSON'],
    ['a number', 5, 'warmupPlan', 'must be { "days": [{ "day": 1, "limit": 500 }, …] } or that array'],
    [
      'no days key',
      { plan: [] },
      'warmupPlan',
      'must be { "days": [{ "day": 1, "limit": 500 }, …] } or that array',
    ],
    ['no days', { days: [] }, 'days', 'must list at least day 1'],
    ['a non-object day', [{ day: 1, limit: 1 }, 7], 'days.1', 'day 2: must be { day, limit }'],
    ['a plan starting at day 0', [{ day: 0, limit: 1 }], 'days.0.day', 'expected day 1, got 0'],
    [
      'a gap',
      [
        { day: 1, limit: 1 },
        { day: 3, limit: 2 },
      ],
      'days.1.day',
      'expected day 2, got 3',
    ],
    [
      'a repeated day',
      [
        { day: 1, limit: 1 },
        { day: 1, limit: 2 },
      ],
      'days.1.day',
      'expected day 2, got 1',
    ],
    ['a string day', [{ day: '1', limit: 1 }], 'days.0.day', 'expected day 1, got "1"'],
    [
      'a zero limit',
      [{ day: 1, limit: 0 }],
      'days.0.limit',
      'day 1: limit must be a positive integer, got 0',
    ],
    [
      'a negative limit',
      [{ day: 1, limit: -5 }],
      'days.0.limit',
      'day 1: limit must be a positive integer, got -5',
    ],
    [
      'a fractional limit',
      [{ day: 1, limit: 1.5 }],
      'days.0.limit',
      'day 1: limit must be a positive integer, got 1.5',
    ],
    [
      'a missing limit',
      [{ day: 1 }],
      'days.0.limit',
      'day 1: limit must be a positive integer, got undefined',
    ],
    [
      'a string limit',
      [{ day: 1, limit: '500' }],
      'days.0.limit',
      'day 1: limit must be a positive integer, got "500"',
    ],
  ])('rejects %s', (_label, input, field, rule) => {
    const error = failure(() => parseWarmupPlan(input));
    expect([error.field, error.rule]).toEqual([field, rule]);
  });

  it('rejects a decreasing limit and names both days', () => {
    const error = failure(() => parseWarmupPlan(plan(500, 1000, 2000, 1500)));
    expect(error.message).toBe("days.3.limit: day 4: limit 1500 is below day 3's 2000");
  });

  it('accepts a flat plan (equal limits do not decrease)', () => {
    expect(parseWarmupPlan(plan(100, 100, 100)).days).toHaveLength(3);
  });
});

describe('quotaForDay', () => {
  it('follows the default plan day by day', () => {
    const quotas = Array.from({ length: 20 }, (_, i) => quotaForDay(DEFAULT_WARMUP_PLAN, i + 1));
    expect(quotas).toEqual(PLAN_FILE.days.map((d) => d.limit));
  });

  it('holds the last limit after the last day', () => {
    expect(quotaForDay(DEFAULT_WARMUP_PLAN, 21)).toBe(1_000_000);
    expect(quotaForDay(DEFAULT_WARMUP_PLAN, 10_000)).toBe(1_000_000);
    expect(quotaForDay(plan(7), 2)).toBe(7);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects day %s', (day) => {
    expect(failure(() => quotaForDay(DEFAULT_WARMUP_PLAN, day)).field).toBe('day');
  });

  it('rejects a plan that breaks the rules instead of reading it by position', () => {
    expect(failure(() => quotaForDay({ days: [] }, 1)).field).toBe('days');
    const decreasing = {
      days: [
        { day: 1, limit: 5 },
        { day: 2, limit: 1 },
      ],
    };
    expect(failure(() => quotaForDay(decreasing, 2)).field).toBe('days.1.limit');
    expect(failure(() => quotaForDay({ days: [{ day: 3, limit: 5 }] }, 1)).field).toBe('days.0.day');
  });
});

describe('warmupStatus', () => {
  it('reports the quota and what is left today', () => {
    expect(warmupStatus({ plan: DEFAULT_WARMUP_PLAN, day: 3, sentToday: 1200, cached: 800 })).toEqual({
      day: 3,
      quota: 2000,
      sentToday: 1200,
      remainingToday: 800,
      cached: 800,
    });
  });

  it('defaults to the default plan and no cache', () => {
    expect(warmupStatus({ day: 1, sentToday: 0 })).toEqual({
      day: 1,
      quota: 500,
      sentToday: 0,
      remainingToday: 500,
      cached: 0,
    });
  });

  it('never reports a negative remainder', () => {
    expect(warmupStatus({ day: 1, sentToday: 650 }).remainingToday).toBe(0);
  });

  it('rejects negative counts', () => {
    expect(failure(() => warmupStatus({ day: 1, sentToday: -1 })).field).toBe('sentToday');
    expect(failure(() => warmupStatus({ day: 1, sentToday: 0, cached: 0.5 })).field).toBe('cached');
  });
});

describe('projectWarmup', () => {
  it('spreads 10,000 emails from day 1 as 500, 1000, 2000, 5000, 1500', () => {
    expect(projectWarmup({ plan: DEFAULT_WARMUP_PLAN, volume: 10_000 })).toEqual({
      schedule: [
        { day: 1, count: 500, cumulative: 500 },
        { day: 2, count: 1000, cumulative: 1500 },
        { day: 3, count: 2000, cumulative: 3500 },
        { day: 4, count: 5000, cumulative: 8500 },
        { day: 5, count: 1500, cumulative: 10_000 },
      ],
      days: 5,
    });
  });

  it('refuses a volume that would need more than ten years, without building it', () => {
    const lastLimit = DEFAULT_WARMUP_PLAN.days.at(-1)?.limit ?? 0;
    expect(projectWarmup({ volume: lastLimit * 3000 }).days).toBeLessThanOrEqual(MAX_PROJECTION_DAYS);
    expect(() => projectWarmup({ volume: Number.MAX_SAFE_INTEGER })).toThrow(
      expect.objectContaining({ name: 'ValidationError', field: 'volume' }),
    );
  });

  it('fits a volume equal to the sum of the first days exactly', () => {
    expect(projectWarmup({ volume: 3500 }).schedule.map((d) => d.count)).toEqual([500, 1000, 2000]);
  });

  it('takes part of today when some was already sent', () => {
    expect(projectWarmup({ volume: 3000, startDay: 3, sentToday: 1500 }).schedule).toEqual([
      { day: 3, count: 500, cumulative: 500 },
      { day: 4, count: 2500, cumulative: 3000 },
    ]);
  });

  it('shows today with 0 when its quota is spent', () => {
    const projection = projectWarmup({ volume: 100, startDay: 1, sentToday: 500 });
    expect(projection.schedule).toEqual([
      { day: 1, count: 0, cumulative: 0 },
      { day: 2, count: 100, cumulative: 100 },
    ]);
    expect(projection.days).toBe(2);
  });

  it('continues at the last limit after the plan ends', () => {
    const projection = projectWarmup({ plan: plan(10, 20), volume: 75 });
    expect(projection.schedule.map((d) => d.count)).toEqual([10, 20, 20, 20, 5]);
  });

  it('starts past the end of the plan', () => {
    expect(projectWarmup({ volume: 2_500_000, startDay: 25 }).schedule.map((d) => d.day)).toEqual([
      25, 26, 27,
    ]);
  });

  it('needs no day for no volume', () => {
    expect(projectWarmup({ volume: 0 })).toEqual({ schedule: [], days: 0 });
  });

  it('rejects bad inputs', () => {
    expect(failure(() => projectWarmup({ volume: -1 })).field).toBe('volume');
    expect(failure(() => projectWarmup({ volume: 1, startDay: 0 })).field).toBe('day');
    expect(failure(() => projectWarmup({ volume: 1, sentToday: -3 })).field).toBe('sentToday');
    expect(failure(() => projectWarmup({ plan: plan(5, 0), volume: 1 })).field).toBe('days.1.limit');
  });

  it('sends everything, never more than a day allows, on consecutive days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 2000 }),
        (volume, startDay, sentToday) => {
          const { schedule, days } = projectWarmup({ volume, startDay, sentToday });
          expect(days).toBe(schedule.length);
          expect(schedule.at(-1)?.cumulative ?? 0).toBe(volume);
          schedule.forEach((entry, i) => {
            expect(entry.day).toBe(startDay + i);
            const used = i === 0 ? sentToday : 0;
            expect(entry.count).toBeLessThanOrEqual(
              Math.max(0, quotaForDay(DEFAULT_WARMUP_PLAN, entry.day) - used),
            );
          });
          // Every day but the last is used to the full, so no shorter schedule exists.
          for (const entry of schedule.slice(0, -1)) {
            const used = entry.day === startDay ? sentToday : 0;
            expect(entry.count).toBe(Math.max(0, quotaForDay(DEFAULT_WARMUP_PLAN, entry.day) - used));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('warmupDay', () => {
  // 2024-06-01 00:00 in Shanghai (UTC+8) is 2024-05-31 16:00 UTC.
  const first = new Date('2024-05-31T08:00:00Z'); // 2024-05-31 16:00 Shanghai

  it('is day 1 on the day of the first send', () => {
    expect(warmupDay(first, first)).toBe(1);
    expect(warmupDay(first, new Date('2024-05-31T15:59:59.999Z'))).toBe(1); // 23:59:59.999 Shanghai
  });

  it('turns to day 2 at midnight Shanghai time, not 24 hours later', () => {
    expect(warmupDay(first, new Date('2024-05-31T16:00:00Z'))).toBe(2); // 00:00 Shanghai
  });

  it('counts a first send at 23:59 and a send at 00:00 as days 1 and 2', () => {
    const lateFirst = new Date('2024-05-31T15:59:00Z'); // 23:59 Shanghai
    expect(warmupDay(lateFirst, new Date('2024-05-31T16:00:00Z'))).toBe(2);
  });

  it('counts calendar days in the given time zone', () => {
    // The same instants are one calendar day apart in UTC: 08:00 and 23:59 on 2024-05-31.
    expect(warmupDay(first, new Date('2024-05-31T23:59:00Z'), 'UTC')).toBe(1);
    expect(warmupDay(first, new Date('2024-05-31T23:59:00Z'))).toBe(2);
  });

  it('is unaffected by daylight saving time', () => {
    // New York springs forward on 2024-03-10 and falls back on 2024-11-03.
    const start = new Date('2024-03-09T12:00:00-05:00');
    expect(warmupDay(start, new Date('2024-03-11T00:30:00-04:00'), 'America/New_York')).toBe(3);
    expect(warmupDay(start, new Date('2024-11-03T23:30:00-05:00'), 'America/New_York')).toBe(240);
  });

  it('counts across month, year and leap-day boundaries', () => {
    expect(warmupDay('2024-02-28', new Date('2024-03-01T12:00:00+08:00'))).toBe(3);
    expect(warmupDay('2023-12-31', new Date('2024-01-01T00:00:00+08:00'))).toBe(2);
  });

  it('accepts the first send as a calendar date', () => {
    expect(warmupDay('2024-06-01', new Date('2024-06-20T23:59:00+08:00'))).toBe(20);
  });

  it('rejects a now before the first send day', () => {
    const error = failure(() => warmupDay(first, new Date('2024-05-30T12:00:00Z')));
    expect(error.message).toBe('now: 2024-05-30 is before the first send on 2024-05-31');
  });

  it('rejects bad dates and zones', () => {
    expect(failure(() => warmupDay('2024-02-30', first)).field).toBe('firstSend');
    expect(failure(() => warmupDay('2024-6-1', first)).field).toBe('firstSend');
    expect(failure(() => warmupDay(new Date(Number.NaN), first)).field).toBe('instant');
    expect(failure(() => warmupDay(first, first, 'Mars/Olympus')).field).toBe('timeZone');
  });
});

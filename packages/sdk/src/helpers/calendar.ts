import { ValidationError } from '../core/errors.js';

/** The service's own time zone: Tencent Cloud SES counts days (quotas, statistics) in China time. */
export const SES_TIME_ZONE = 'Asia/Shanghai';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

// Building a DateTimeFormat is far slower than using one, and the same few zones recur.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new ValidationError('timeZone', `"${timeZone}" is not a time zone this runtime knows`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The wall-clock time (`YYYY-MM-DD HH:mm:ss`, the service's format for `BeginTime`) of `instant` in
 * `timeZone`.
 * @default timeZone 'Asia/Shanghai'
 * @throws {ValidationError} `instant` when it is an invalid `Date`; `timeZone` when it is unknown.
 * @example calendarDateTime(new Date('2024-05-31T16:30:00Z')) // '2024-06-01 00:30:00'
 */
export function calendarDateTime(instant: Date, timeZone: string = SES_TIME_ZONE): string {
  const { year, month, day, hour, minute, second } = wallClock(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}:${two(second)}`;
}

/** The wall-clock reading of `instant` in `timeZone`, as numbers. */
function wallClock(instant: Date, timeZone: string) {
  if (Number.isNaN(instant.getTime())) throw new ValidationError('instant', 'must be a valid Date');
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** Offset of `timeZone` from UTC at an instant, to the second (positive east of Greenwich). @unit milliseconds */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
  // The wall-clock reading taken as if it were UTC, minus the instant. Built from numbers, not by
  // parsing the formatted string, so that a reading in the year 10000 (the last day of 9999 east of
  // Greenwich) still works.
  const { year, month, day, hour, minute, second } = wallClock(new Date(epochMs), timeZone);
  const asUtc =
    new Date(0).setUTCFullYear(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000;
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * The instant a wall-clock string names in `timeZone`: `YYYY-MM-DD HH:mm:ss`, or `YYYY-MM-DD` for
 * its midnight. The inverse of {@link calendarDateTime}; `undefined` when the string is not a real
 * date and time in one of those forms.
 * @default timeZone 'Asia/Shanghai'
 * @throws {ValidationError} `timeZone` when it is unknown.
 * @example parseCalendarDateTime('2024-06-01 00:30:00') // 2024-05-31T16:30:00.000Z
 */
export function parseCalendarDateTime(value: string, timeZone: string = SES_TIME_ZONE): Date | undefined {
  const m = WALL_CLOCK.exec(value);
  if (!m) return undefined;
  const [month, day] = [Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const guess = Date.parse(`${value.slice(0, 10)}T${m[4] ? value.slice(11) : '00:00:00'}Z`);
  if (Number.isNaN(guess) || new Date(guess).getUTCDate() !== day) return undefined;
  // Two passes settle the offset even when the guess and the answer straddle a DST change.
  let instant = guess - zoneOffsetMs(guess, timeZone);
  instant = guess - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

/**
 * The calendar date (`YYYY-MM-DD`) that `instant` falls on in `timeZone`.
 * @default timeZone 'Asia/Shanghai'
 * @throws {ValidationError} `instant` when it is an invalid `Date`; `timeZone` when it is unknown.
 * @example calendarDate(new Date('2024-05-31T16:00:00Z')) // '2024-06-01' (midnight in Shanghai)
 */
export function calendarDate(instant: Date, timeZone: string = SES_TIME_ZONE): string {
  return calendarDateTime(instant, timeZone).slice(0, 10);
}

/**
 * Whole calendar days from date `from` to date `to` (both `YYYY-MM-DD`); negative when `to` is
 * earlier. Counted on the proleptic Gregorian calendar, so daylight-saving shifts cannot skew it.
 * @throws {ValidationError} when either string is not a real `YYYY-MM-DD` date.
 */
export function calendarDaysBetween(from: string, to: string): number {
  return (dayNumber(to, 'to') - dayNumber(from, 'from')) / MS_PER_DAY;
}

/** Milliseconds at UTC midnight of a `YYYY-MM-DD` date, rejecting dates like `2024-02-30`. */
function dayNumber(date: string, field: string): number {
  const match = DATE_ONLY.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const back = new Date(ms);
    if (back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day) {
      return ms;
    }
  }
  throw new ValidationError(field, `"${date}" is not a calendar date (YYYY-MM-DD)`);
}

/**
 * Below this, an epoch number is read as seconds: 1e11 s is the year 5138, 1e11 ms is 1973.
 * `SendEmailStatus.RequestTime`/`DeliverTime` are documented only as integers and webhook times as
 * seconds, and answers are seen in both units, so the magnitude decides.
 */
const SECONDS_BELOW = 1e11;

/** An epoch time in seconds or milliseconds → `Date`. */
export function epochToDate(value: number): Date {
  return new Date(value < SECONDS_BELOW ? value * 1000 : value);
}

/** {@link epochToDate}, with `0` and absent giving `undefined` (the service's "not set"). */
export function fromEpoch(value: number | undefined): Date | undefined {
  return value ? epochToDate(value) : undefined;
}

import { ValidationError } from '../../core/errors.js';
import { calendarDate, calendarDateTime, parseCalendarDateTime } from '../../helpers/calendar.js';
import { isDateString, isDateTimeString } from '../../operations/common.js';

// The service counts days and reads schedule times in its own zone (China Standard Time; the local
// backend in its `timeZone`): a `Date` is converted to that wall clock before it goes on the wire,
// and wall-clock answers are read back in it. Each resource passes its backend's zone.

/** A day: a `Date` (its calendar day in the backend's time zone) or a `YYYY-MM-DD` string. */
export type DateInput = Date | string;

function checkDate(date: Date, field: string): Date {
  if (Number.isNaN(date.getTime())) throw new ValidationError(field, 'must be a valid date');
  return date;
}

/** `Date | 'YYYY-MM-DD'` → `YYYY-MM-DD` in `timeZone`. @throws {ValidationError} */
export function toWireDate(value: DateInput, field: string, timeZone: string): string {
  if (value instanceof Date) return calendarDate(checkDate(value, field), timeZone);
  if (!isDateString(value)) throw new ValidationError(field, 'must be a Date or a YYYY-MM-DD string');
  return value;
}

/**
 * `Date | 'YYYY-MM-DD HH:mm:ss'` → `YYYY-MM-DD HH:mm:ss` in `timeZone` (strings are taken as already
 * in it). @throws {ValidationError}
 */
export function toWireDateTime(value: DateInput, field: string, timeZone: string): string {
  if (value instanceof Date) return calendarDateTime(checkDate(value, field), timeZone);
  if (!isDateTimeString(value))
    throw new ValidationError(field, 'must be a Date or a YYYY-MM-DD HH:mm:ss string');
  return value;
}

/**
 * `Date | 'YYYY-MM-DD' | 'YYYY-MM-DD HH:mm:ss'` → the wire string of a filter that takes either (a
 * date alone stands for that whole day). @throws {ValidationError}
 */
export function toWireDateOrDateTime(value: DateInput, field: string, timeZone: string): string {
  if (typeof value === 'string' && isDateString(value)) return value;
  if (typeof value === 'string' && !isDateTimeString(value)) {
    throw new ValidationError(field, 'must be a Date, a YYYY-MM-DD or a YYYY-MM-DD HH:mm:ss string');
  }
  return toWireDateTime(value, field, timeZone);
}

/**
 * A service time string (`YYYY-MM-DD HH:mm:ss` in `timeZone`) → `Date`. Empty or unrecognised values
 * give `undefined`: the service leaves unset times empty (e.g. a task never updated).
 */
export function fromWireDateTime(value: string | undefined, timeZone: string): Date | undefined {
  if (value === undefined || !isDateTimeString(value)) return undefined;
  return parseCalendarDateTime(value, timeZone);
}

/** Unix seconds → `Date`; `0` and absent give `undefined` (the service's "not set"). */
export function fromUnixSeconds(value: number | undefined): Date | undefined {
  return value ? new Date(value * 1000) : undefined;
}

export { fromEpoch } from '../../helpers/calendar.js';

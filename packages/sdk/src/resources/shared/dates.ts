import { ValidationError } from '../../core/errors.js';
import { isDateString, isDateTimeString } from '../../operations/common.js';

/**
 * The service counts days and reads schedule times in China Standard Time (UTC+8, no daylight
 * saving), so a `Date` is converted to that wall clock before it goes on the wire.
 */
const SERVICE_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A day: a `Date` (its calendar day in UTC+8, the service's time zone) or a `YYYY-MM-DD` string. */
export type DateInput = Date | string;

function serviceWallClock(date: Date, field: string): string {
  if (Number.isNaN(date.getTime())) throw new ValidationError(field, 'must be a valid date');
  return new Date(date.getTime() + SERVICE_UTC_OFFSET_MS).toISOString();
}

/** `Date | 'YYYY-MM-DD'` → `YYYY-MM-DD` in the service's time zone. @throws {ValidationError} */
export function toWireDate(value: DateInput, field: string): string {
  if (value instanceof Date) return serviceWallClock(value, field).slice(0, 10);
  if (!isDateString(value)) throw new ValidationError(field, 'must be a Date or a YYYY-MM-DD string');
  return value;
}

/**
 * `Date | 'YYYY-MM-DD HH:mm:ss'` → `YYYY-MM-DD HH:mm:ss` in the service's time zone (strings are
 * taken as already in it). @throws {ValidationError}
 */
export function toWireDateTime(value: DateInput, field: string): string {
  if (value instanceof Date) return serviceWallClock(value, field).slice(0, 19).replace('T', ' ');
  if (!isDateTimeString(value))
    throw new ValidationError(field, 'must be a Date or a YYYY-MM-DD HH:mm:ss string');
  return value;
}

/**
 * `Date | 'YYYY-MM-DD' | 'YYYY-MM-DD HH:mm:ss'` → the wire string of a filter that takes either (a
 * date alone stands for that whole day). @throws {ValidationError}
 */
export function toWireDateOrDateTime(value: DateInput, field: string): string {
  if (typeof value === 'string' && isDateString(value)) return value;
  if (typeof value === 'string' && !isDateTimeString(value)) {
    throw new ValidationError(field, 'must be a Date, a YYYY-MM-DD or a YYYY-MM-DD HH:mm:ss string');
  }
  return toWireDateTime(value, field);
}

/**
 * A service time string (`YYYY-MM-DD HH:mm:ss`, UTC+8) → `Date`. Empty or unrecognised values give
 * `undefined`: the service leaves unset times empty (e.g. a task never updated).
 */
export function fromWireDateTime(value: string | undefined): Date | undefined {
  if (value === undefined || !isDateTimeString(value)) return undefined;
  return new Date(`${value.replace(' ', 'T')}+08:00`);
}

/** Unix seconds → `Date`; `0` and absent give `undefined` (the service's "not set"). */
export function fromUnixSeconds(value: number | undefined): Date | undefined {
  return value ? new Date(value * 1000) : undefined;
}

export { fromEpoch } from '../../helpers/calendar.js';

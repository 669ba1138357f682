// The service speaks local wall-clock strings (`YYYY-MM-DD HH:mm:ss`, `YYYY-MM-DD`) in its own time
// zone; the store keeps epoch milliseconds. These helpers convert between the two for any IANA zone,
// formatting with the SDK's calendar helpers.

import { calendarDateTime, parseCalendarDateTime } from '@ses-cli/sdk';

/** `YYYY-MM-DD HH:mm:ss` of an instant in `timeZone`. */
export function formatDateTime(epochMs: number, timeZone: string): string {
  return calendarDateTime(new Date(epochMs), timeZone);
}

/** `YYYY-MM-DD` of an instant in `timeZone`. */
export function formatDate(epochMs: number, timeZone: string): string {
  return formatDateTime(epochMs, timeZone).slice(0, 10);
}

/**
 * The instant a wall-clock string `YYYY-MM-DD` (midnight) or `YYYY-MM-DD HH:mm:ss` names in
 * `timeZone`, or `undefined` when the string is not a real date/time in that format.
 */
export function parseDateTime(value: string, timeZone: string): number | undefined {
  return parseCalendarDateTime(value, timeZone)?.getTime();
}

/** Start of the next calendar day after the day `date` (`YYYY-MM-DD`) in `timeZone`, as epoch ms. */
export function endOfDayExclusive(date: string, timeZone: string): number | undefined {
  // One second after the day's last second: right across a DST change, and for 9999-12-31, whose
  // next day has no four-digit year to name it by.
  const last = parseDateTime(`${date.slice(0, 10)} 23:59:59`, timeZone);
  return last === undefined ? undefined : last + 1000;
}

/** Unix seconds of an epoch-milliseconds instant (the API's `*Timestamp` fields). */
export function unixSeconds(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}

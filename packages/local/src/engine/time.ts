// The service speaks local wall-clock strings (`YYYY-MM-DD HH:mm:ss`, `YYYY-MM-DD`) in its own time
// zone; the store keeps epoch milliseconds. These helpers convert between the two for any IANA zone,
// formatting with the SDK's calendar helpers.

import { calendarDateTime } from '@ses-cli/sdk';

/** `YYYY-MM-DD HH:mm:ss` of an instant in `timeZone`. */
export function formatDateTime(epochMs: number, timeZone: string): string {
  return calendarDateTime(new Date(epochMs), timeZone);
}

/** `YYYY-MM-DD` of an instant in `timeZone`. */
export function formatDate(epochMs: number, timeZone: string): string {
  return formatDateTime(epochMs, timeZone).slice(0, 10);
}

/** Offset of `timeZone` from UTC at an instant (positive east of Greenwich). @unit milliseconds */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
  // The wall-clock reading taken as if it were UTC, minus the instant (to the second).
  const asUtc = Date.parse(`${formatDateTime(epochMs, timeZone).replace(' ', 'T')}Z`);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * The instant a wall-clock string `YYYY-MM-DD` (midnight) or `YYYY-MM-DD HH:mm:ss` names in
 * `timeZone`, or `undefined` when the string is not a real date/time in that format.
 */
export function parseDateTime(value: string, timeZone: string): number | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(guess).getUTCDate() !== day) return undefined;
  // Two passes settle the offset even when the guess and the answer straddle a DST change.
  let instant = guess - zoneOffsetMs(guess, timeZone);
  instant = guess - zoneOffsetMs(instant, timeZone);
  return instant;
}

/** Start of the next calendar day after the day `date` (`YYYY-MM-DD`) in `timeZone`, as epoch ms. */
export function endOfDayExclusive(date: string, timeZone: string): number | undefined {
  const start = parseDateTime(date.slice(0, 10), timeZone);
  if (start === undefined) return undefined;
  // 26 h lands inside the next day even across a DST change; then snap to its midnight.
  return parseDateTime(formatDate(start + 26 * 3_600_000, timeZone), timeZone);
}

/** Unix seconds of an epoch-milliseconds instant (the API's `*Timestamp` fields). */
export function unixSeconds(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}

import { formatDateTime } from '../time.js';

/** `yyyyMMddHHmmss` of an instant in `timeZone` (the stamp inside SES MessageIds). */
export function compactDateTime(epochMs: number, timeZone: string): string {
  return formatDateTime(epochMs, timeZone).replace(/[- :]/g, '');
}

const MS_PER_DAY = 86_400_000;

/** UTC midnight of a `YYYY-MM-DD` date in epoch ms; parsed as ISO, so years 0–99 stay themselves. */
function utcMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The `YYYY-MM-DD` date `days` calendar days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar days from `start` to `end` (negative when `end` is earlier), without walking them. */
export function daysBetween(start: string, end: string): number {
  return (utcMidnight(end) - utcMidnight(start)) / MS_PER_DAY;
}

/** Every `YYYY-MM-DD` date from `start` to `end`, both included. */
export function datesBetween(start: string, end: string): string[] {
  // Counted, not compared as strings: the day after 9999-12-31 has no four-digit year.
  return Array.from({ length: Math.max(0, daysBetween(start, end) + 1) }, (_, i) => addDays(start, i));
}

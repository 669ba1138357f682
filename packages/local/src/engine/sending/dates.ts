import { formatDateTime } from '../time.js';

/** `yyyyMMddHHmmss` of an instant in `timeZone` (the stamp inside SES MessageIds). */
export function compactDateTime(epochMs: number, timeZone: string): string {
  return formatDateTime(epochMs, timeZone).replace(/[- :]/g, '');
}

/** The `YYYY-MM-DD` date `days` calendar days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Every `YYYY-MM-DD` date from `start` to `end`, both included. */
export function datesBetween(start: string, end: string): string[] {
  const dates: string[] = [];
  for (let date = start; date <= end; date = addDays(date, 1)) dates.push(date);
  return dates;
}

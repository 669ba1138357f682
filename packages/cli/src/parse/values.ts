import { readFile, stat } from 'node:fs/promises';
import { calendarDateTime } from '@ses-cli/sdk';
import { UsageError } from '../errors.js';
import { printable } from './header-safe.js';

/** A non-negative integer flag value, with bounds. @throws {UsageError} naming the flag */
export function parseCount(
  value: unknown,
  flag: string,
  bounds: { min?: number; max?: number } = {},
): number {
  const text = String(value ?? '').trim();
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag}: expected a whole number, got "${String(value)}"`);
  const n = Number(text);
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = bounds;
  if (n < min || n > max) throw new UsageError(`${flag}: must be between ${min} and ${max}, got ${n}`);
  return n;
}

const UNITS: Readonly<Record<string, number>> = {
  w: 604_800_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
};
const DURATION = /^(?:(\d+)(w|d|h|m|s))+$/;

/**
 * A duration such as `1d`, `12h`, `90m`, `30s` or `1d12h`, in milliseconds.
 * @throws {UsageError} naming the flag and the accepted forms
 */
export function parseDuration(value: string, flag: string): number {
  const text = value.trim().toLowerCase();
  if (!DURATION.test(text)) {
    throw new UsageError(`${flag}: "${value}" is not a duration (use e.g. 1d, 12h, 90m, 30s, 1d12h)`);
  }
  let total = 0;
  for (const match of text.matchAll(/(\d+)(w|d|h|m|s)/g))
    total += Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 0);
  if (total <= 0) throw new UsageError(`${flag}: duration must be greater than zero`);
  return total;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD`. @throws {UsageError} */
export function parseDate(value: string, flag: string): string {
  const m = DATE.exec(value.trim());
  const valid =
    m !== null &&
    (() => {
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
    })();
  if (!valid) throw new UsageError(`${flag}: "${value}" is not a date (use YYYY-MM-DD)`);
  return value.trim();
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
/** `YYYY-MM-DDTHH:mm[:ss[.fff]]` with `Z` or an offset `±HH:mm` / `±HHmm`. */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * A start time for `--at`, returned as the service's `YYYY-MM-DD HH:mm:ss` in `timeZone`:
 * `YYYY-MM-DD HH:mm[:ss]` (already in that zone), an ISO 8601 instant with an offset or `Z`,
 * or `+duration` from `now`.
 * @throws {UsageError}
 */
export function parseStartTime(value: string, flag: string, now: Date, timeZone: string): string {
  const text = value.trim();
  if (text.startsWith('+'))
    return calendarDateTime(new Date(now.getTime() + parseDuration(text.slice(1), flag)), timeZone);
  const local = LOCAL_TIME.exec(text);
  if (local) {
    assertDateAndTime(local, value, flag);
    return `${local[1]}-${local[2]}-${local[3]} ${local[4]}:${local[5]}:${local[6] ?? '00'}`;
  }
  const iso = ISO_INSTANT.exec(text);
  if (iso) {
    // Checked field by field: Date would roll 2027-02-30 over to March 2.
    assertDateAndTime(iso, value, flag);
    if (Number(iso[8] ?? '0') > 23 || Number(iso[9] ?? '0') > 59)
      throw new UsageError(`${flag}: "${value}" has an invalid UTC offset`);
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) return calendarDateTime(instant, timeZone);
  }
  throw new UsageError(
    `${flag}: "${value}" is not a time (use "YYYY-MM-DD HH:mm", ISO 8601 with offset, or +2h)`,
  );
}

/**
 * The date and time fields of a matched `--at` (groups 1–6: year, month, day, hour, minute, second)
 * name a real calendar day and a time of day.
 * @throws {UsageError} quoting the whole value
 */
function assertDateAndTime(fields: RegExpExecArray, value: string, flag: string): void {
  const day = `${fields[1]}-${fields[2]}-${fields[3]}`;
  try {
    parseDate(day, flag);
  } catch {
    throw new UsageError(`${flag}: "${value}" is not a date (${day} is not a calendar day)`);
  }
  const [h, min, s] = [Number(fields[4]), Number(fields[5]), Number(fields[6] ?? '0')];
  if (h > 23 || min > 59 || s > 59) throw new UsageError(`${flag}: "${value}" has an invalid time of day`);
}

/** `key=value` pairs (repeatable `--data`) as an object. @throws {UsageError} */
export function parsePairs(values: unknown, flag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of (values as string[] | undefined) ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag}: "${pair}" is not key=value`);
    result[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return result;
}

/** `1.5 MB`, `800 B`: a byte count for people (binary units, as limits are). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Reads a file the user named; with `maxBytes`, a larger file is refused from its size alone,
 * before it is read.
 * @throws {UsageError} when it cannot be read or is too large
 */
export async function readUserFile(path: string, flag: string, maxBytes?: number): Promise<Buffer> {
  try {
    if (maxBytes !== undefined) {
      const size = (await stat(path)).size;
      if (size > maxBytes) {
        throw new UsageError(
          `${flag}: "${printable(path)}" is ${formatBytes(size)}; at most ${formatBytes(maxBytes)} is accepted`,
        );
      }
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new UsageError(`${flag}: cannot read "${printable(path)}" (${why})`);
  }
}

/**
 * Reads and parses a JSON file that must hold an object, of at most `maxBytes`.
 * @throws {UsageError}
 */
export async function readJsonObject(
  path: string,
  flag: string,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  // Without a leading byte-order mark, which editors on Windows add and JSON.parse refuses.
  const text = (await readUserFile(path, flag, maxBytes)).toString('utf8').replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag}: "${path}" is not valid JSON (${(error as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${flag}: "${path}" must hold a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** A string option, or undefined when absent or empty. */
export function optString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

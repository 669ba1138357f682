// The service speaks local wall-clock strings (`YYYY-MM-DD HH:mm:ss`, `YYYY-MM-DD`) in its own time
// zone; the store keeps epoch milliseconds. These helpers convert between the two for any IANA zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
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
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:mm:ss` of an instant in `timeZone`. */
export function formatDateTime(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** `YYYY-MM-DD` of an instant in `timeZone`. */
export function formatDate(epochMs: number, timeZone: string): string {
  return formatDateTime(epochMs, timeZone).slice(0, 10);
}

/** Offset of `timeZone` from UTC at an instant (positive east of Greenwich). @unit milliseconds */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
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

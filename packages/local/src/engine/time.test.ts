import { describe, expect, test } from 'vitest';
import { endOfDayExclusive, formatDate, formatDateTime, parseDateTime, unixSeconds } from './time.js';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';

describe('wall-clock strings and instants', () => {
  test('formats an instant in the service time zone', () => {
    const instant = Date.parse('2024-05-31T16:30:05Z');
    expect(formatDateTime(instant, SHANGHAI)).toBe('2024-06-01 00:30:05');
    expect(formatDate(instant, SHANGHAI)).toBe('2024-06-01');
    expect(formatDate(instant, 'UTC')).toBe('2024-05-31');
  });

  test('parses a wall-clock string back to the instant it names', () => {
    expect(parseDateTime('2024-06-01 00:30:05', SHANGHAI)).toBe(Date.parse('2024-05-31T16:30:05Z'));
    expect(parseDateTime('2024-06-01', SHANGHAI)).toBe(Date.parse('2024-05-31T16:00:00Z'));
    for (const text of ['2024-03-10 12:00:00', '2024-11-03 12:00:00', '2025-01-01 00:00:00']) {
      const instant = parseDateTime(text, NEW_YORK) as number;
      expect(formatDateTime(instant, NEW_YORK)).toBe(text);
    }
  });

  test('uses the offset in force on that date on both sides of a daylight-saving change', () => {
    // New York is UTC−5 in winter and UTC−4 in summer.
    expect(parseDateTime('2024-03-09 12:00:00', NEW_YORK)).toBe(Date.parse('2024-03-09T17:00:00Z'));
    expect(parseDateTime('2024-03-11 12:00:00', NEW_YORK)).toBe(Date.parse('2024-03-11T16:00:00Z'));
  });

  test('rejects strings that are not a real date or time', () => {
    for (const text of ['2024-02-30', '2024-13-01', '2024-06-01 24:00:00', '2024-06-01T00:00:00', 'today']) {
      expect(parseDateTime(text, SHANGHAI)).toBeUndefined();
    }
  });

  test('the end of a day is the next midnight, also on a 23-hour day', () => {
    expect(endOfDayExclusive('2024-06-01', SHANGHAI)).toBe(Date.parse('2024-06-01T16:00:00Z'));
    // 10 March 2024 in New York lasts 23 hours: midnight EST to midnight EDT.
    expect(endOfDayExclusive('2024-03-10', NEW_YORK)).toBe(Date.parse('2024-03-11T04:00:00Z'));
    expect(endOfDayExclusive('not a date', NEW_YORK)).toBeUndefined();
  });

  test('the last day of 9999 has an end and a last second, although its next day has no 4-digit year', () => {
    expect(endOfDayExclusive('9999-12-31', SHANGHAI)).toBe(Date.parse('9999-12-31T16:00:00Z'));
    expect(parseDateTime('9999-12-31 23:59:59', SHANGHAI)).toBe(Date.parse('9999-12-31T15:59:59Z'));
  });

  test('unixSeconds truncates milliseconds', () => {
    expect(unixSeconds(1_700_000_000_999)).toBe(1_700_000_000);
  });
});

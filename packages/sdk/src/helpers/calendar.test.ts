import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import {
  calendarDate,
  calendarDateTime,
  calendarDaysBetween,
  parseCalendarDateTime,
  SES_TIME_ZONE,
} from './calendar.js';

describe('calendarDate', () => {
  it('defaults to the service time zone, Asia/Shanghai', () => {
    expect(SES_TIME_ZONE).toBe('Asia/Shanghai');
    expect(calendarDate(new Date('2024-05-31T15:59:59Z'))).toBe('2024-05-31'); // 23:59:59 in Shanghai
    expect(calendarDate(new Date('2024-05-31T16:00:00Z'))).toBe('2024-06-01'); // 00:00:00 in Shanghai
  });

  it('uses the given zone', () => {
    const instant = new Date('2024-01-01T03:00:00Z');
    expect(calendarDate(instant, 'UTC')).toBe('2024-01-01');
    expect(calendarDate(instant, 'America/Los_Angeles')).toBe('2023-12-31');
    expect(calendarDate(instant, 'Pacific/Kiritimati')).toBe('2024-01-01'); // UTC+14
  });

  it('zero-pads months and days', () => {
    expect(calendarDate(new Date('2024-02-03T12:00:00Z'), 'UTC')).toBe('2024-02-03');
  });

  it('rejects invalid dates and unknown zones', () => {
    expect(() => calendarDate(new Date('nope'))).toThrow(ValidationError);
    expect(() => calendarDate(new Date(0), 'Not/AZone')).toThrow('timeZone: "Not/AZone" is not a time zone');
  });
});

describe('calendarDateTime', () => {
  it('is the wall-clock time in the service time zone, 24-hour, zero-padded', () => {
    expect(calendarDateTime(new Date('2024-05-31T16:05:09Z'))).toBe('2024-06-01 00:05:09');
    expect(calendarDateTime(new Date('2024-05-31T15:59:59Z'))).toBe('2024-05-31 23:59:59');
  });

  it('uses the given zone, across a daylight-saving change', () => {
    expect(calendarDateTime(new Date('2024-03-10T09:30:00Z'), 'America/New_York')).toBe(
      '2024-03-10 05:30:00',
    );
    expect(calendarDateTime(new Date('2024-03-10T06:30:00Z'), 'America/New_York')).toBe(
      '2024-03-10 01:30:00',
    );
  });

  it('rejects invalid dates and unknown zones', () => {
    expect(() => calendarDateTime(new Date('nope'))).toThrow(ValidationError);
    expect(() => calendarDateTime(new Date(0), 'Not/AZone')).toThrow('timeZone');
  });
});

describe('calendarDaysBetween', () => {
  it('counts whole days, negative backwards', () => {
    expect(calendarDaysBetween('2024-02-28', '2024-03-01')).toBe(2); // leap year
    expect(calendarDaysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(calendarDaysBetween('2024-01-01', '2024-01-01')).toBe(0);
    expect(calendarDaysBetween('2024-01-02', '2024-01-01')).toBe(-1);
    expect(calendarDaysBetween('2023-01-01', '2024-01-01')).toBe(365);
  });

  it('rejects strings that are not real dates, naming the argument', () => {
    expect(() => calendarDaysBetween('2024-13-01', '2024-01-01')).toThrow(
      'from: "2024-13-01" is not a calendar date',
    );
    expect(() => calendarDaysBetween('2024-01-01', '2023-02-29')).toThrow('to: "2023-02-29"');
    expect(() => calendarDaysBetween('2024-01-01T00:00:00Z', '2024-01-01')).toThrow(ValidationError);
  });
});

describe('parseCalendarDateTime', () => {
  it('is the inverse of calendarDateTime in any zone, daylight saving included', () => {
    const instants = [
      '2024-05-31T16:30:00Z',
      '2024-03-10T07:30:00Z',
      '2024-11-03T05:59:59Z',
      '0050-01-01T00:00:00Z',
    ];
    for (const zone of ['Asia/Shanghai', 'UTC', 'America/New_York', 'Asia/Kolkata']) {
      for (const iso of instants) {
        const instant = new Date(iso);
        expect(parseCalendarDateTime(calendarDateTime(instant, zone), zone), `${iso} ${zone}`).toEqual(
          instant,
        );
      }
    }
  });

  it('reads a date alone as its midnight and refuses what is not a real date and time', () => {
    expect(parseCalendarDateTime('2024-06-01')).toEqual(new Date('2024-05-31T16:00:00Z'));
    for (const bad of ['2024-02-30', '2024-06-01 24:00:00', '2024-6-1', '2024-06-01T00:00:00', ''])
      expect(parseCalendarDateTime(bad), bad).toBeUndefined();
  });
});

import { describe, expect, test } from 'vitest';
import { sesMessageIdFactory, trackingToken } from './ids.js';

describe('sesMessageIdFactory', () => {
  test("keeps the service's format; ids made one after the other sort in that order and are unique", () => {
    const next = sesMessageIdFactory('1000000000', Date.UTC(2026, 2, 10, 2, 0, 0), 'Asia/Shanghai');
    const ids = Array.from({ length: 5000 }, () => next());
    for (const id of ids) expect(id).toMatch(/^qcloudses-30-1000000000-date-20260310100000-[A-Za-z0-9]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Plain string comparison, as SQLite's index compares TEXT.
    const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(sorted).toEqual(ids);
  });

  test('two factories of the same second still make distinct ids', () => {
    const at = Date.UTC(2026, 2, 10, 2, 0, 0);
    const a = sesMessageIdFactory('1', at, 'UTC');
    const b = sesMessageIdFactory('1', at, 'UTC');
    const ids = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? a() : b()));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('trackingToken', () => {
  test('URL-safe, unique, with 128 random bits after a time prefix that sorts in order', () => {
    const tokens = Array.from({ length: 5000 }, () => trackingToken());
    for (const token of tokens) expect(token).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{22}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    const prefixes = tokens.map((token) => token.slice(0, 9));
    expect([...prefixes].sort()).toEqual(prefixes);
    expect(Number.parseInt(prefixes[0] as string, 36)).toBeGreaterThan(Date.now() - 60_000);
  });
});

import { describe, expect, test } from 'vitest';
import { pooledRandomBytes } from './random-pool.js';

describe('pooledRandomBytes', () => {
  test('returns the size asked for, never the same bytes twice across refills', () => {
    const seen = new Set<string>();
    // 3,000 × 16 bytes spans several pool refills.
    for (let i = 0; i < 3000; i++) {
      const bytes = pooledRandomBytes(16);
      expect(bytes).toHaveLength(16);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(3000);
  });

  test('each result is a copy: changing it does not change the next one', () => {
    const first = pooledRandomBytes(8);
    first.fill(0);
    expect(pooledRandomBytes(8).equals(Buffer.alloc(8))).toBe(false);
  });

  test('rejects sizes outside 0..256', () => {
    expect(() => pooledRandomBytes(257)).toThrow(RangeError);
    expect(() => pooledRandomBytes(-1)).toThrow(RangeError);
    expect(pooledRandomBytes(0)).toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import { AbortError, ConnectionError, createApiError, TimeoutError, ValidationError } from './errors.js';
import { retryDelay, shouldRetry, withRetries } from './retry.js';

const api = (code: string) => createApiError({ code, message: 'm', action: 'SendEmail' });

describe('shouldRetry', () => {
  // [failure, retried for an idempotent action, retried for a send]
  const matrix: Array<[string, unknown, boolean, boolean]> = [
    ['RequestLimitExceeded', api('RequestLimitExceeded'), true, true],
    ['RequestLimitExceeded.IPLimitExceeded', api('RequestLimitExceeded.IPLimitExceeded'), true, true],
    ['FailedOperation.ServiceNotAvailable', api('FailedOperation.ServiceNotAvailable'), true, true],
    ['AuthFailure.SignatureExpire', api('AuthFailure.SignatureExpire'), true, true],
    ['InternalError', api('InternalError'), true, false],
    ['ServiceUnavailable', api('ServiceUnavailable'), true, false],
    ['ResourceUnavailable', api('ResourceUnavailable'), true, false],
    ['AuthFailure.SignatureFailure', api('AuthFailure.SignatureFailure'), false, false],
    ['InvalidParameter', api('InvalidParameter'), false, false],
    ['FailedOperation.FrequencyLimit', api('FailedOperation.FrequencyLimit'), false, false],
    ['LimitExceeded', api('LimitExceeded'), false, false],
    ['connection refused', new ConnectionError('refused', false), true, true],
    ['connection reset', new ConnectionError('reset', true), true, false],
    ['timeout', new TimeoutError('late'), true, false],
    ['abort', new AbortError('stop'), false, false],
    ['validation', new ValidationError('Subject', 'required'), false, false],
    ['plain error', new Error('bug'), false, false],
  ];

  it.each(matrix)('%s', (_name, error, idempotent, send) => {
    expect(shouldRetry(error, true)).toBe(idempotent);
    expect(shouldRetry(error, false)).toBe(send);
  });
});

describe('retryDelay', () => {
  it('doubles from 500 ms, caps at 8 s, and jitters down by at most 25 %', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => retryDelay(n, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(retryDelay(0, () => 1)).toBe(375);
    expect(retryDelay(6, () => 0.999999)).toBe(6000);
    for (let n = 0; n < 8; n++) {
      const delay = retryDelay(n);
      const base = Math.min(500 * 2 ** n, 8000);
      expect(delay).toBeGreaterThanOrEqual(base * 0.75);
      expect(delay).toBeLessThanOrEqual(base);
    }
  });
});

describe('withRetries', () => {
  it('retries up to maxRetries with backoff, then throws the last error', async () => {
    const slept: number[] = [];
    let calls = 0;
    const run = withRetries(
      { maxRetries: 2, idempotent: true, random: () => 0, sleep: async (ms) => void slept.push(ms) },
      async () => {
        calls++;
        throw api('InternalError');
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'InternalError' });
    expect(calls).toBe(3);
    expect(slept).toEqual([500, 1000]);
  });

  it('re-signs at once after SignatureExpire (no sleep) and stops on the first success', async () => {
    const slept: number[] = [];
    const result = await withRetries(
      { maxRetries: 2, idempotent: false, sleep: async (ms) => void slept.push(ms) },
      async (n) => {
        if (n === 0) throw api('AuthFailure.SignatureExpire');
        return n;
      },
    );
    expect(result).toBe(1);
    expect(slept).toEqual([]);
  });

  it('re-signs once after SignatureExpire even with no retry budget, and only once', async () => {
    let calls = 0;
    const once = await withRetries({ maxRetries: 0, idempotent: false }, async (n) => {
      calls++;
      if (n === 0) throw api('AuthFailure.SignatureExpire');
      return n;
    });
    expect(once).toBe(1);
    expect(calls).toBe(2);

    calls = 0;
    const twice = withRetries({ maxRetries: 0, idempotent: false }, async () => {
      calls++;
      throw api('AuthFailure.SignatureExpire');
    });
    await expect(twice).rejects.toMatchObject({ code: 'AuthFailure.SignatureExpire' });
    expect(calls).toBe(2);
  });

  it('does not count the re-sign against the budget of later failures', async () => {
    const slept: number[] = [];
    let calls = 0;
    const run = withRetries(
      { maxRetries: 1, idempotent: true, random: () => 0, sleep: async (ms) => void slept.push(ms) },
      async (n) => {
        calls++;
        throw n === 0 ? api('AuthFailure.SignatureExpire') : api('InternalError');
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'InternalError' });
    expect(calls).toBe(3);
    expect(slept).toEqual([500]);
  });

  it('never repeats a send whose fate is unknown', async () => {
    let calls = 0;
    const run = withRetries({ maxRetries: 5, idempotent: false, sleep: async () => {} }, async () => {
      calls++;
      throw new ConnectionError('socket hang up', true);
    });
    await expect(run).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toBe(1);
  });

  it('stops waiting when the signal aborts during backoff', async () => {
    const controller = new AbortController();
    const run = withRetries({ maxRetries: 3, idempotent: true, signal: controller.signal }, async () => {
      queueMicrotask(() => controller.abort(new AbortError('stop')));
      throw api('RequestLimitExceeded');
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
  });
});

import { ApiError, ConnectionError } from './errors.js';

export interface RetryPolicy {
  readonly maxRetries: number;
  /** Whether the operation may be repeated after an ambiguous failure. */
  readonly idempotent: boolean;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly signal?: AbortSignal | undefined;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/**
 * Decides whether a failed attempt may be repeated. Non-idempotent actions (sends) are repeated only
 * when the failure proves nothing was accepted: a rate limit, a "service not available", an expired
 * signature, or a connection that never carried the request.
 */
export function shouldRetry(error: unknown, idempotent: boolean): boolean {
  if (error instanceof ApiError) return error.notApplied || (idempotent && error.retryable);
  if (error instanceof ConnectionError) return idempotent || !error.mayHaveBeenSent;
  return false;
}

/** Exponential backoff, 0.5 s × 2^attempt capped at 8 s, minus up to 25 % jitter. */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
  return Math.round(base * (1 - random() * 0.25));
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `attempt(n)` until it succeeds, fails for good, or the retry budget is spent. */
export async function withRetries<T>(policy: RetryPolicy, attempt: (n: number) => Promise<T>): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= policy.maxRetries || !shouldRetry(error, policy.idempotent)) throw error;
      // A stale clock is fixed by the backend on the spot; waiting would only make it staler.
      const expired = error instanceof ApiError && error.code === 'AuthFailure.SignatureExpire';
      if (!expired) await sleep(retryDelay(n, policy.random), policy.signal);
    }
  }
}

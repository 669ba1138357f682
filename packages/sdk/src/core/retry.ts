import { ApiError, ConnectionError } from './errors.js';

export interface RetryPolicy {
  readonly maxRetries: number;
  /** Whether the operation may be repeated after an ambiguous failure. */
  readonly idempotent: boolean;
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  readonly random?: (() => number) | undefined;
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

function isExpiredSignature(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'AuthFailure.SignatureExpire';
}

/**
 * Runs `attempt(n)` until it succeeds, fails for good, or the retry budget is spent. The first
 * `AuthFailure.SignatureExpire` is re-signed at once and outside the budget (even with
 * `maxRetries: 0`): the service applied nothing, and the backend has just learnt the server's
 * clock from the refusal, so waiting would only make the signature staler.
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: (n: number) => Promise<T>): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep;
  let retries = 0;
  let resigned = false;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const expired = isExpiredSignature(error);
      if (expired && !resigned) {
        resigned = true;
        continue;
      }
      if (retries >= policy.maxRetries || !shouldRetry(error, policy.idempotent)) throw error;
      if (!expired) await sleep(retryDelay(retries, policy.random), policy.signal);
      retries++;
    }
  }
}

import { describe, expect, it } from 'vitest';
import { SesClient } from './client.js';
import type { Backend, BackendRequest } from './core/backend.js';
import { AbortError, createApiError, TimeoutError } from './core/errors.js';

/** A backend that is rate limited on every call, counting attempts. */
function rateLimited(): Backend & { attempts: number } {
  return {
    name: 'test',
    attempts: 0,
    async invoke(request: BackendRequest) {
      this.attempts++;
      throw createApiError({ code: 'RequestLimitExceeded', message: 'slow down', action: request.action });
    },
  };
}

/** A backend that answers only when its signal aborts, like a server that never replies. */
const silent: Backend = {
  name: 'silent',
  invoke: (request) =>
    new Promise((_, reject) => request.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
};

describe('SesClient.invoke', () => {
  it('reports an abort during the backoff between attempts as AbortError', async () => {
    const backend = rateLimited();
    const client = new SesClient({ backend, maxRetries: 5 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await client.invoke('ListEmailAddress', {}, { signal: controller.signal }).catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(backend.attempts).toBe(1);
  });

  it('turns its own timer into TimeoutError and the caller abort into AbortError', async () => {
    const client = new SesClient({ backend: silent, maxRetries: 0 });
    await expect(client.invoke('ListEmailAddress', {}, { timeout: 20 })).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const call = client.invoke('ListEmailAddress', {}, { signal: controller.signal, timeout: 10_000 });
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(AbortError);
  });

  it('logs one line per attempt, even when the answer arrives after the timeout', async () => {
    const lines: string[] = [];
    let answer: (() => void) | undefined;
    const late: Backend = {
      name: 'late',
      invoke: () =>
        new Promise((resolve) => {
          answer = () => resolve({ payload: { EmailSenders: [] }, requestId: 'r-late' });
        }),
    };
    const client = new SesClient({ backend: late, maxRetries: 0, logger: (line) => lines.push(line) });
    await expect(client.invoke('ListEmailAddress', {}, { timeout: 20 })).rejects.toBeInstanceOf(TimeoutError);
    answer?.();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[ses\] late ListEmailAddress attempt=0 TimeoutError \d+ms$/);
  });

  it('turns a backend that throws instead of rejecting into a failed attempt', async () => {
    const lines: string[] = [];
    const throwing: Backend = {
      name: 'throwing',
      invoke: () => {
        throw createApiError({ code: 'InvalidParameter', message: 'no', action: 'ListEmailAddress' });
      },
    };
    const client = new SesClient({ backend: throwing, logger: (line) => lines.push(line) });
    const error = await client.invoke('ListEmailAddress', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'InvalidParameter' });
    expect(lines).toEqual([expect.stringMatching(/attempt=0 \w+Error \d+ms$/)]);
  });

  it('returns the parsed answer with its RequestId and leaves the backend payload intact on a retry', async () => {
    const payload = { EmailSenders: [{ EmailAddress: 'a@mail.example.com' }] };
    let calls = 0;
    const flaky: Backend = {
      name: 'flaky',
      async invoke() {
        calls++;
        if (calls === 1)
          throw createApiError({ code: 'RequestLimitExceeded', message: 'slow down', action: 'x' });
        return { payload, requestId: `r-${calls}` };
      },
    };
    const client = new SesClient({ backend: flaky, maxRetries: 1 });
    const result = await client.invoke('ListEmailAddress', {});
    expect(result.RequestId).toBe('r-2');
    expect(result.EmailSenders?.[0]?.EmailAddress).toBe('a@mail.example.com');
    expect(payload).not.toHaveProperty('RequestId');
  });

  it('does not build the Tencent backend until a call needs it', () => {
    const client = new SesClient({ env: {} });
    expect(client.backend.name).toBe('tencent');
    expect(client.backend.constructor.name).toBe('LazyBackend');
  });
});

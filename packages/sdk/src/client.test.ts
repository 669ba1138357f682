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

  it('does not build the Tencent backend until a call needs it', () => {
    const client = new SesClient({ env: {} });
    expect(client.backend.name).toBe('tencent');
    expect(client.backend.constructor.name).toBe('LazyBackend');
  });
});

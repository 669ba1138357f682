import type { Backend } from '@ses-cli/sdk';

const SECRET_KEY = /password|secret|token|authorization|credential/i;
const MAX_STRING = 200;

/** A copy of a wire payload safe to print: secrets masked, long strings (base64 bodies) cut. */
export function redact(value: unknown, key = ''): unknown {
  if (SECRET_KEY.test(key)) return '***';
  if (typeof value === 'string') {
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…(${value.length} chars)` : value;
  }
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((item) => redact(item));
    return value.length > 20 ? [...items, `…(${value.length - 20} more)`] : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

/** A copy of a wire payload with secret fields (passwords, keys, tokens) masked and nothing cut. */
export function maskSecrets<T>(value: T, key = ''): T {
  if (SECRET_KEY.test(key)) return '***' as T;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)])) as T;
  }
  return value;
}

/** Wraps a backend so every wire request and response is logged (for `--debug`). */
export function createDebugBackend(inner: Backend, log: (line: string) => void): Backend {
  return {
    name: inner.name,
    async invoke(request) {
      log(`→ ${request.action} ${JSON.stringify(redact(request.payload))}`);
      try {
        const response = await inner.invoke(request);
        log(`← ${request.action} ${response.requestId} ${JSON.stringify(redact(response.payload))}`);
        return response;
      } catch (error) {
        log(`✗ ${request.action} ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}

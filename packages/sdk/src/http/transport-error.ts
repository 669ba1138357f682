import { ConnectionError, TimeoutError } from '../core/errors.js';

/**
 * Failure codes raised before a single byte of the request reached the server: no route, no name,
 * nobody listening, no TLS session. Anything else (a reset, a closed socket, a headers timeout) may
 * have happened after the server read the request, so a send must not be repeated blindly.
 */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/** Every error code carried by an error, its `cause` chain and (Happy Eyeballs) aggregated attempts. */
function codesOf(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) return [];
  const codes: string[] = [];
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') codes.push(code);
  if (error instanceof AggregateError) {
    for (const inner of error.errors) codes.push(...codesOf(inner, depth + 1));
  }
  if (cause !== undefined) codes.push(...codesOf(cause, depth + 1));
  return codes;
}

/** undici gave up waiting for the answer: the request was sent and may have been processed. */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Wraps a transport failure; the original error is kept as `cause` (it never carries our headers). */
export function toConnectionError(error: unknown, action: string, origin: string): ConnectionError {
  const codes = codesOf(error);
  if (codes.some((code) => TIMEOUT_CODES.has(code))) {
    return new TimeoutError(`${action}: no answer from ${origin} in time`, { cause: error });
  }
  const neverSent = codes.length > 0 && codes.every((code) => NEVER_SENT_CODES.has(code));
  const detail = error instanceof Error && error.message ? error.message : (codes[0] ?? 'unknown error');
  const code = codes[0] ? ` [${codes[0]}]` : '';
  return new ConnectionError(`${action}: request to ${origin} failed${code}: ${detail}`, !neverSent, {
    cause: error,
  });
}

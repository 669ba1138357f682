import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../emulator/http-error.js';
import { BodyTooLargeError, readBody } from '../emulator/read-body.js';

/**
 * The dashboard pages' Content-Security-Policy. Scripts only from the dashboard itself; a captured
 * email is shown in a sandboxed `<iframe srcdoc>` (no scripts), which inherits this policy, so
 * remote images and fonts in mail are not fetched either. Inline styles stay allowed because mail HTML depends on
 * them, and styles cannot run script.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "frame-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
].join('; ');

/** Headers on every dashboard answer: no sniffing, no framing by other sites, no referrer leaks. */
const SECURITY_HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Answers bytes with the dashboard's security headers. */
export function sendBody(
  response: ServerResponse,
  status: number,
  body: Buffer,
  type: string,
  extra: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': body.length,
    ...extra,
  });
  response.end(body);
}

/** Answers a JSON document that is never cached (it describes live state). */
export function sendApiJson(response: ServerResponse, status: number, value: unknown): void {
  sendBody(response, status, Buffer.from(JSON.stringify(value)), 'application/json; charset=utf-8', {
    'cache-control': 'no-store',
  });
}

/** Answers `{ error }` with `status`. */
export function sendApiError(response: ServerResponse, status: number, message: string): void {
  sendApiJson(response, status, { error: message });
}

const MAX_BODY_BYTES = 16 * 1024;

/**
 * Reads a small JSON object body; larger bodies and anything but an object are client errors. An
 * oversized body is drained, not buffered, before the 413 goes out: answering while the client is
 * still sending would reset the connection and the client would never read the answer.
 */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  let body: Buffer;
  try {
    body = await readBody(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new HttpError(413, `request body too large (limit ${MAX_BODY_BYTES / 1024} KiB)`);
    }
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body must be JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

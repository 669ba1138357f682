import type { BackendResponse } from '../core/backend.js';
import { type ApiError, ConnectionError, createApiError } from '../core/errors.js';
import { isRecord } from './profile.js';

/** The `Error` object inside a failed Tencent Cloud API 3.0 response. */
interface EnvelopeError {
  readonly code: string;
  readonly message: string;
  readonly requestId: string | undefined;
}

/**
 * Synthetic codes for HTTP statuses that arrive without a Tencent envelope (a proxy or load balancer
 * answered): 5xx is an internal error (retried for idempotent actions only, since the request may
 * have been processed), 429 a rate limit, 413 an oversized request.
 */
function codeForStatus(status: number): string {
  if (status >= 500) return 'InternalError';
  if (status === 429) return 'RequestLimitExceeded';
  if (status === 413) return 'RequestSizeLimitExceeded';
  return 'UnexpectedHttpStatus';
}

/**
 * Reads a response body in Tencent's envelope `{"Response": {..., "RequestId"}}`.
 * Success resolves to the `Response` without `RequestId`; `Response.Error` becomes the matching
 * `ApiError`; a non-200 status without an envelope becomes an `ApiError` with a synthetic code.
 * @throws {ConnectionError} (mayHaveBeenSent) the body is not JSON or not an envelope, e.g. truncated
 */
export function parseEnvelope(status: number, text: string, action: string): BackendResponse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (status !== 200) throw httpError(status, action);
    throw malformed(action, 'the response body is not valid JSON (truncated?)');
  }
  const response = isRecord(json) ? json.Response : undefined;
  if (!isRecord(response)) {
    if (status !== 200) throw httpError(status, action);
    throw malformed(action, 'the response has no "Response" object');
  }
  const { RequestId, Error: error, ...payload } = response;
  const requestId = typeof RequestId === 'string' ? RequestId : '';
  const apiError = readError(error, requestId);
  if (apiError) {
    throw createApiError({ ...apiError, action, httpStatus: status });
  }
  if (status !== 200) throw httpError(status, action, requestId);
  return { payload, requestId };
}

function readError(error: unknown, requestId: string): EnvelopeError | undefined {
  if (error === undefined) return undefined;
  const code = isRecord(error) && typeof error.Code === 'string' ? error.Code : 'InternalError';
  const message = isRecord(error) && typeof error.Message === 'string' ? error.Message : 'no message';
  return { code, message, requestId: requestId || undefined };
}

function httpError(status: number, action: string, requestId?: string): ApiError {
  return createApiError({
    code: codeForStatus(status),
    message: `HTTP ${status} without a Tencent Cloud error body`,
    requestId: requestId || undefined,
    action,
    httpStatus: status,
  });
}

function malformed(action: string, why: string): ConnectionError {
  // The server answered, so the request was read and may have been applied.
  return new ConnectionError(`${action}: ${why}`, true);
}

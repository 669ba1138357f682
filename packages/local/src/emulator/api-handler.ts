import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type Backend, operations } from '@ses-cli/sdk';
import { errorBody, successBody } from './envelope.js';
import type { FaultInjector, FaultSpec } from './faults.js';
import type { EmulatorKey } from './keys.js';
import type { RateLimiter } from './rate-limiter.js';
import { BodyTooLargeError, readBody } from './read-body.js';
import { verifySignature } from './verify-signature.js';

/** The Tencent Cloud API 3.0 request limit. */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
const API_VERSION = '2020-10-02';
/** Regions the SES actions accept (China site and international site). */
const SES_REGIONS = new Set(['ap-guangzhou', 'ap-hongkong', 'ap-singapore']);
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const REQUIRED_HEADERS = ['x-tc-action', 'x-tc-version', 'x-tc-timestamp', 'x-tc-region'] as const;

export interface ApiHandlerOptions {
  readonly backend: () => Backend;
  readonly keys: readonly EmulatorKey[];
  readonly rateLimiter: RateLimiter | undefined;
  /** Real wall-clock time in ms, for the 5-minute signature window. */
  readonly nowMs: () => number;
  /** Injected faults (none unless rules are set). */
  readonly faults: FaultInjector;
  /** Fires when the emulator closes: delayed calls are dropped instead of processed. */
  readonly closing: AbortSignal;
}

type Outcome =
  | { ok: Record<string, unknown>; requestId: string }
  | { code: string; message?: string | undefined; requestId?: string | undefined };

/**
 * Answers `POST /` like the service: always HTTP 200 with the `{"Response":…}` envelope — unless an
 * injected fault says otherwise.
 */
export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  options: ApiHandlerOptions,
): Promise<void> {
  const { delayMs, failure } = options.faults.decide(headerOf(request, 'x-tc-action') ?? '');
  if (failure && !processedFirst(failure)) {
    if (delayMs > 0 && !(await pause(delayMs, options.closing))) request.socket.destroy();
    else answerFault(failure, request, response, undefined);
    return;
  }
  const outcome = await processRequest(request, options, delayMs);
  if (!outcome) {
    request.socket.destroy();
    return;
  }
  const body =
    'ok' in outcome
      ? successBody(outcome.ok, outcome.requestId)
      : errorBody(outcome.code, outcome.message, outcome.requestId);
  if (failure) answerFault(failure, request, response, body);
  else writeJson(response, 200, body);
}

function writeJson(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** Faults that let the call take effect before the answer goes wrong. */
function processedFirst(fault: FaultSpec): boolean {
  switch (fault.kind) {
    case 'reset-after':
    case 'truncated-json':
    case 'malformed-json':
      return true;
    case 'http-5xx':
    case 'internal-error':
      return fault.processed === true;
    default:
      return false;
  }
}

/** Answers a call the way `fault` says; `body` is the real answer when the call was processed. */
function answerFault(
  fault: FaultSpec,
  request: IncomingMessage,
  response: ServerResponse,
  body: string | undefined,
): void {
  switch (fault.kind) {
    case 'reset-before':
    case 'reset-after':
      // A TCP RST, as a crashed process or a dropping middlebox gives, not a polite FIN.
      request.socket.resetAndDestroy();
      return;
    case 'http-5xx': {
      const status = fault.status ?? 502;
      const text = `<html><body><h1>${status}</h1><p>Injected fault.</p></body></html>`;
      response.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(text) });
      response.end(text);
      return;
    }
    case 'internal-error':
      writeJson(response, 200, errorBody('InternalError', 'Injected fault: internal error.'));
      return;
    case 'rate-limit':
      writeJson(response, 200, errorBody('RequestLimitExceeded'));
      return;
    case 'truncated-json': {
      const whole = body ?? errorBody('InternalError');
      writeJson(response, 200, whole.slice(0, Math.floor(whole.length / 2)));
      return;
    }
    case 'malformed-json':
      writeJson(response, 200, (body ?? errorBody('InternalError')).replaceAll('"', "'"));
      return;
    case 'latency':
      return;
  }
}

/** Waits `ms`; false when the emulator closed meanwhile. */
function pause(ms: number, closing: AbortSignal): Promise<boolean> {
  if (closing.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (result: boolean) => {
      clearTimeout(timer);
      closing.removeEventListener('abort', onClose);
      resolve(result);
    };
    const onClose = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    closing.addEventListener('abort', onClose, { once: true });
  });
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Checks and runs one call. `delayMs` (injected latency) is spent after the body is read, like a
 * slow server: a client that gives up meanwhile does not stop the call. Undefined when the emulator
 * closed during that delay (nothing was processed).
 */
async function processRequest(
  request: IncomingMessage,
  options: ApiHandlerOptions,
  delayMs: number,
): Promise<Outcome | undefined> {
  let body: Buffer;
  try {
    body = await readBody(request, MAX_REQUEST_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { code: 'RequestSizeLimitExceeded' };
    throw error;
  }
  if (delayMs > 0 && !(await pause(delayMs, options.closing))) return undefined;
  if (request.method !== 'POST') return { code: 'UnsupportedProtocol' };

  const header = (name: string) => headerOf(request, name);
  for (const name of REQUIRED_HEADERS) {
    if (!header(name))
      return { code: 'MissingParameter', message: `The request is missing the header ${name}.` };
  }
  const authorization = header('authorization');
  if (!authorization)
    return { code: 'AuthFailure.InvalidAuthorization', message: 'The Authorization header is missing.' };
  const action = header('x-tc-action')!;
  const timestamp = Number(header('x-tc-timestamp'));
  if (!Number.isInteger(timestamp)) {
    return { code: 'InvalidParameter', message: 'X-TC-Timestamp must be a Unix time in seconds.' };
  }

  const failure = verifySignature(
    {
      authorization,
      timestamp,
      headers: request.headers,
      body,
      nowSeconds: Math.floor(options.nowMs() / 1000),
    },
    options.keys,
  );
  if (failure) return { code: failure };

  if (header('x-tc-version') !== API_VERSION) return { code: 'NoSuchVersion' };
  const operation = (operations as Record<string, { ratePerSecond: number } | undefined>)[action];
  if (!operation) return { code: 'InvalidAction', message: `The action ${action} does not exist.` };
  if (!SES_REGIONS.has(header('x-tc-region')!)) return { code: 'UnsupportedRegion' };
  if (options.rateLimiter && !options.rateLimiter.take(action)) return { code: 'RequestLimitExceeded' };

  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    // Decoding with replacement characters would deliver mangled text the client never sent.
    return { code: 'InvalidParameter', message: 'The request body is not valid UTF-8.' };
  }
  let payload: unknown;
  try {
    payload = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    return { code: 'InvalidParameter', message: 'The request body is not valid JSON.' };
  }
  // Clients calling a parameterless action (ListEmailAddress) may send no body or a JSON null.
  payload ??= {};
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { code: 'InvalidParameter', message: 'The request body must be a JSON object.' };
  }

  try {
    const result = await options.backend().invoke({
      action,
      payload: payload as Record<string, unknown>,
      region: header('x-tc-region')!,
      attempt: 0,
    });
    return { ok: result.payload, requestId: result.requestId };
  } catch (error) {
    if (error instanceof ApiError)
      return { code: error.code, message: error.serviceMessage, requestId: error.requestId };
    return { code: 'InternalError', message: 'The emulator failed to process the request.' };
  }
}

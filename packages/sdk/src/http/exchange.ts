import type { Dispatcher } from 'undici';

/** What the backend needs from an HTTP response. */
export interface ExchangeResult {
  readonly status: number;
  /** The `Date` header, for clock-skew correction. */
  readonly date: string | undefined;
  readonly text: string;
}

/** A JSON `POST /` to send through a dispatcher. */
export interface ExchangeRequest {
  readonly origin: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly signal?: AbortSignal | undefined;
  /** Stop waiting for the answer after this long (undici's headers and body timeouts). @unit ms */
  readonly timeoutMs?: number | undefined;
}

/**
 * Sends one request and collects the whole response body as text, through undici's low-level
 * `dispatch` handler API. `request()` would wrap every response in a Readable stream only for us to
 * drain it at once; SES answers are small JSON documents, so collecting the chunks directly saves a
 * stream and its bookkeeping per call (the benchmark's hot path).
 *
 * Rejects with the transport error as undici reports it, or with the signal's reason on abort;
 * the caller classifies both.
 */
export function exchange(dispatcher: Dispatcher, request: ExchangeRequest): Promise<ExchangeResult> {
  return new Promise((resolve, reject) => {
    const { signal } = request;
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let status = 0;
    let date: string | undefined;
    const chunks: Buffer[] = [];

    const onAbort = () => {
      const reason = abortReason(signal);
      controller?.abort(reason);
      finish(reason);
    };
    const finish = (error: unknown, result?: ExchangeResult) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (result) resolve(result);
      else reject(error);
    };

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(ctrl) {
        controller = ctrl;
        // The request may have waited in the pool's queue while the signal fired.
        if (signal?.aborted) ctrl.abort(abortReason(signal));
      },
      onResponseStart(_ctrl, statusCode, headers) {
        status = statusCode;
        const value = headers.date;
        date = Array.isArray(value) ? value[0] : value;
      },
      onResponseData(_ctrl, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        const text =
          chunks.length === 1
            ? (chunks[0] as Buffer).toString('utf8')
            : Buffer.concat(chunks).toString('utf8');
        finish(undefined, { status, date, text });
      },
      onResponseError(_ctrl, error) {
        finish(error);
      },
    };

    if (signal?.aborted) return finish(abortReason(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      dispatcher.dispatch(
        {
          origin: request.origin,
          path: '/',
          method: 'POST',
          headers: request.headers,
          body: request.body,
          ...(request.timeoutMs === undefined
            ? {}
            : { headersTimeout: request.timeoutMs, bodyTimeout: request.timeoutMs }),
        },
        handler,
      );
    } catch (error) {
      finish(error);
    }
  });
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('The operation was aborted');
}

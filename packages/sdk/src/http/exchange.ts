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
    if (signal?.aborted) return reject(abortReason(signal));
    const collector = new ResponseCollector(resolve, reject, signal);
    signal?.addEventListener('abort', collector, { once: true });
    const timeout = request.timeoutMs;
    try {
      dispatcher.dispatch(
        timeout === undefined
          ? {
              origin: request.origin,
              path: '/',
              method: 'POST',
              headers: request.headers,
              body: request.body,
            }
          : {
              origin: request.origin,
              path: '/',
              method: 'POST',
              headers: request.headers,
              body: request.body,
              headersTimeout: timeout,
              bodyTimeout: timeout,
            },
        collector,
      );
    } catch (error) {
      collector.finish(error);
    }
  });
}

type ResponseHeaders = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>[2];

/**
 * One object per request that is at once the dispatch handler and the abort listener
 * (`handleEvent`), so a call allocates no closures beyond its promise.
 */
class ResponseCollector implements Dispatcher.DispatchHandler {
  #controller: Dispatcher.DispatchController | undefined;
  #settled = false;
  #status = 0;
  #date: string | undefined;
  /** Small JSON answers usually arrive in one chunk; the list is only built for the rest. */
  #first: Buffer | undefined;
  #more: Buffer[] | undefined;

  constructor(
    private readonly resolve: (result: ExchangeResult) => void,
    private readonly reject: (error: unknown) => void,
    private readonly signal: AbortSignal | undefined,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // The request may have waited in the pool's queue while the signal fired.
    if (this.signal?.aborted) controller.abort(abortReason(this.signal));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: ResponseHeaders,
  ): void {
    this.#status = statusCode;
    const value = headers.date;
    this.#date = Array.isArray(value) ? value[0] : value;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#first === undefined) this.#first = chunk;
    else if (this.#more === undefined) this.#more = [chunk];
    else this.#more.push(chunk);
  }

  onResponseEnd(): void {
    const first = this.#first;
    const text =
      first === undefined
        ? ''
        : this.#more === undefined
          ? first.toString('utf8')
          : Buffer.concat([first, ...this.#more]).toString('utf8');
    this.finish(undefined, { status: this.#status, date: this.#date, text });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.finish(error);
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    const reason = abortReason(this.signal);
    this.#controller?.abort(reason);
    this.finish(reason);
  }

  finish(error: unknown, result?: ExchangeResult): void {
    if (this.#settled) return;
    this.#settled = true;
    this.signal?.removeEventListener('abort', this);
    if (result) this.resolve(result);
    else this.reject(error);
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('The operation was aborted');
}

import type { Site } from '../http/endpoint.js';

/** A request as a backend sees it: the wire action and its PascalCase payload. */
export interface BackendRequest {
  readonly action: string;
  readonly payload: Record<string, unknown>;
  readonly region: string;
  readonly signal?: AbortSignal | undefined;
  /**
   * How long the caller waits for this attempt. The client enforces it for every backend; one that
   * can cancel natively (the HTTP backend frees its socket) should stop waiting by then too.
   * @unit milliseconds
   */
  readonly timeoutMs?: number | undefined;
  /** 0 for the first try, then 1, 2, … — lets a backend re-sign or log retries. */
  readonly attempt: number;
}

/** The wire `Response` object without the envelope and its request id. */
export interface BackendResponse {
  readonly payload: Record<string, unknown>;
  readonly requestId: string;
}

/**
 * The seam between the client and whatever answers it: Tencent Cloud over HTTPS, the embedded local
 * engine, or anything a user passes (a mock, a recorder).
 *
 * Contract: on an API error reject with the `ApiError` built by `createApiError()`; on a transport
 * failure reject with `ConnectionError` / `TimeoutError` / `AbortError`. Retries, validation and
 * error mapping are the client's job and wrap every backend identically.
 */
export interface Backend {
  /** Shown in human output and errors, e.g. `tencent` or `local`. */
  readonly name: string;
  /**
   * The IANA time zone of the backend's wall-clock strings (`CreateTime`, `BeginTime`, dates).
   * @default 'Asia/Shanghai' (Tencent Cloud's own; the local backend reports its `timeZone` option)
   */
  readonly timeZone?: string | undefined;
  /**
   * Which Tencent Cloud site's conventions the backend follows: the two number the unsubscribe-link
   * languages differently. @default 'china'
   */
  readonly site?: Site | undefined;
  /**
   * The backend's current time, when it keeps its own (the local backend's emulated clock, which
   * time travel moves). Defaults the client derives from "now" (a recurring batch's first run) use
   * it. @default the system clock
   */
  // Properties rather than methods, so `undefined` may be given; not readonly, as the methods were.
  now?: (() => Date) | undefined;
  invoke(request: BackendRequest): Promise<BackendResponse>;
  close?: (() => Promise<void>) | undefined;
}

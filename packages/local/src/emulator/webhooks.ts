import { createWebhookEvent, type WebhookPayload } from '@ses-cli/sdk';
import type { DeliveryEvent } from '../engine/inspection.js';

/** A callback address, like the console's account-level webhook, with its custom echo value. */
export interface WebhookTarget {
  readonly url: string;
  /** Echoed back as `X-Tencentcloudses-Cb-Custom`. */
  readonly custom?: string;
}

export interface WebhookOptions {
  readonly targets: readonly WebhookTarget[];
  /** Account appId, sent as `username`. */
  readonly appId: string;
  /** Attempts per event and target, the first included. @default 5 */
  readonly maxAttempts?: number;
  /** First retry delay; doubles each time. @unit milliseconds @default 1000 */
  readonly baseDelayMs?: number;
  readonly onError?: (message: string) => void;
}

/**
 * The most of `link` and `useragent` a callback carries, in UTF-8 bytes. Both come from outside (a
 * link in the mail, the clicking browser) and have no limit of their own, while a callback body must
 * stay within 64 KB (`WEBHOOK_MAX_BYTES`, what `parseWebhookEvent` accepts): longer values are cut.
 */
export const WEBHOOK_FIELD_MAX_BYTES = 16 * 1024;

/**
 * Tencent's callback payload for one event (reference §7.1); event times are Unix seconds. `link`
 * and `useragent` are cut to {@link WEBHOOK_FIELD_MAX_BYTES}.
 * @throws {ValidationError} when the event still does not make a valid callback.
 */
export function webhookPayload(
  event: DeliveryEvent,
  appId: string,
  custom: string | undefined,
): WebhookPayload {
  const optional = {
    link: event.link === undefined ? undefined : truncateUtf8(event.link, WEBHOOK_FIELD_MAX_BYTES),
    reason: event.reason,
    bounceType: event.bounceType,
    templateId: event.templateId,
    userAgent:
      event.userAgent === undefined ? undefined : truncateUtf8(event.userAgent, WEBHOOK_FIELD_MAX_BYTES),
    custom,
  };
  return createWebhookEvent({
    type: event.type,
    email: event.email,
    timestamp: new Date(event.timestamp * 1000),
    bulkId: event.bulkId,
    username: appId,
    from: event.from,
    fromDomain: event.fromDomain,
    subject: event.subject,
    messageId: event.messageId,
    sentTimestamp: new Date((event.sentTimestamp ?? event.timestamp) * 1000),
    // exactOptionalPropertyTypes: absent fields must be left out, not set to undefined.
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  });
}

/** How long one callback may wait for its answer. @unit milliseconds */
const POST_TIMEOUT_MS = 10_000;
/**
 * How long `close()` lets callbacks in flight finish before abandoning them: a receiver that never
 * answers must not hold the emulator (and `ses-cli serve`'s Ctrl-C) for the full post timeout.
 * @unit milliseconds
 */
export const WEBHOOK_CLOSE_GRACE_MS = 1000;

/**
 * POSTs delivery events to the configured callback URLs, retrying failures (network errors and
 * non-2xx answers) with exponential backoff. `close()` stops pending retries.
 */
export class WebhookDispatcher {
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #abandon = new AbortController();
  #closed = false;

  constructor(private readonly options: WebhookOptions) {}

  /**
   * Sends `event` to every target. An event that makes no valid callback for one target is reported
   * through `onError` and skipped; the other targets still get theirs.
   */
  dispatch(event: DeliveryEvent): void {
    for (const target of this.options.targets) {
      let body: string;
      try {
        body = JSON.stringify(webhookPayload(event, this.options.appId, target.custom));
      } catch (error) {
        this.options.onError?.(
          `webhook ${target.url}: the ${event.type} event of message ${event.bulkId} was not sent: ${(error as Error).message}`,
        );
        continue;
      }
      this.#attempt(target.url, body, 1);
    }
  }

  #attempt(url: string, body: string, attempt: number): void {
    if (this.#closed) return;
    const run = post(url, body, this.#abandon.signal).then(
      () => undefined,
      (error: unknown) => {
        if (this.#abandon.signal.aborted) {
          this.options.onError?.(
            `webhook ${url}: not delivered, the emulator closed while it waited for an answer`,
          );
          return;
        }
        const maxAttempts = this.options.maxAttempts ?? 5;
        if (attempt >= maxAttempts) {
          this.options.onError?.(`webhook ${url} failed after ${attempt} attempts: ${String(error)}`);
          return;
        }
        const delay = (this.options.baseDelayMs ?? 1000) * 2 ** (attempt - 1);
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.#attempt(url, body, attempt + 1);
        }, delay);
        timer.unref();
        this.#timers.add(timer);
      },
    );
    this.#inFlight.add(run);
    void run.finally(() => this.#inFlight.delete(run));
  }

  /**
   * Cancels scheduled retries and waits for the posts in flight, at most
   * {@link WEBHOOK_CLOSE_GRACE_MS}; those still unanswered then are abandoned and reported.
   */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const grace = setTimeout(() => this.#abandon.abort(), WEBHOOK_CLOSE_GRACE_MS);
    await Promise.allSettled([...this.#inFlight]);
    clearTimeout(grace);
  }
}

async function post(url: string, body: string, abandon: AbortSignal): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.any([abandon, AbortSignal.timeout(POST_TIMEOUT_MS)]),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/** `text` cut to at most `maxBytes` of UTF-8, never in the middle of a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  // Each UTF-16 code unit takes at most 3 bytes: short strings need no encoding to know they fit.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the character that did not fit.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

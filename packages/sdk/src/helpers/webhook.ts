import * as z from 'zod';
import { ValidationError } from '../core/errors.js';
import { epochToDate } from './calendar.js';

/** Every callback event Tencent Cloud SES documents, in delivery-funnel order. */
export const WEBHOOK_EVENT_TYPES = [
  'processed',
  'deferred',
  'delivered',
  'dropped',
  'open',
  'click',
  'bounce',
  'spamreport',
  'unsubscribe',
] as const;

/**
 * What happened: `processed` (being delivered; may not be reported), `deferred` (the recipient's
 * provider delayed it, retrying), `delivered`, `dropped` (discarded, undeliverable), `open`, `click`,
 * `bounce` (rejected by the recipient's provider), `spamreport` (complaint), `unsubscribe`.
 */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Bounce kind of a `bounce` event; older payloads said `soft` / `hard`, which parse to these. */
export type BounceType = 'soft_bounce' | 'hard_bounce';

/** Largest callback body accepted by {@link parseWebhookEvent}, in bytes. */
export const WEBHOOK_MAX_BYTES = 64 * 1024;

/** Header-style key Tencent uses to echo the custom value configured with the callback address. */
const CUSTOM_KEY = 'X-Tencentcloudses-Cb-Custom';

/** The JSON body Tencent POSTs to a callback address (wire names; times in Unix seconds). */
export interface WebhookPayload {
  event: WebhookEventType;
  /** Recipient address. */
  email: string;
  /** Clicked URL (`click` only). */
  link?: string;
  /** The `MessageId` SendEmail returned. */
  bulkId?: string;
  timestamp: number;
  /** Failure reason, e.g. `551 5.1.1 recipient is not exist`. */
  reason?: string;
  bounceType?: BounceType;
  /** Account appId. */
  username?: string;
  /** Sender address without alias. */
  from?: string;
  fromDomain?: string;
  templateId?: number;
  /** Reader's user agent (`open`/`click` only). */
  useragent?: string;
  subject?: string;
  /** SMTP `Message-Id`. */
  messageId?: string;
  sentTimestamp?: number;
  'X-Tencentcloudses-Cb-Custom'?: string;
}

/** A parsed callback: camelCase, times as `Date`, absent fields left out, the received body in `raw`. */
export interface WebhookEvent {
  readonly type: WebhookEventType;
  readonly email: string;
  readonly timestamp: Date;
  readonly bulkId?: string;
  readonly link?: string;
  readonly reason?: string;
  readonly bounceType?: BounceType;
  /** Account appId (wire `username`). */
  readonly username?: string;
  readonly from?: string;
  readonly fromDomain?: string;
  readonly templateId?: number;
  /** Wire `useragent`. */
  readonly userAgent?: string;
  readonly subject?: string;
  readonly messageId?: string;
  readonly sentTimestamp?: Date;
  /** Wire `X-Tencentcloudses-Cb-Custom`: the custom value configured with the callback address. */
  readonly custom?: string;
  /** The body as received, unknown fields included. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * Input of {@link createWebhookEvent}: a {@link WebhookEvent} without `raw`. An optional field may
 * also be given as `undefined`, which leaves it out like omitting it.
 */
export interface WebhookEventInit {
  readonly type: WebhookEventType;
  readonly email: string;
  readonly timestamp: Date;
  readonly bulkId?: string | undefined;
  readonly link?: string | undefined;
  readonly reason?: string | undefined;
  readonly bounceType?: BounceType | undefined;
  /** Account appId (wire `username`). */
  readonly username?: string | undefined;
  readonly from?: string | undefined;
  readonly fromDomain?: string | undefined;
  readonly templateId?: number | undefined;
  /** Wire `useragent`. */
  readonly userAgent?: string | undefined;
  readonly subject?: string | undefined;
  readonly messageId?: string | undefined;
  readonly sentTimestamp?: Date | undefined;
  /** Wire `X-Tencentcloudses-Cb-Custom`: the custom value configured with the callback address. */
  readonly custom?: string | undefined;
}

const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});

// Tencent's fields are typed loosely in practice: null stands for "absent" and integers sometimes
// arrive as digit strings, so both are accepted rather than failing a whole callback.
const optionalString = () => z.string(required('a string')).nullish();
const integer = (what: string, max = Number.MAX_SAFE_INTEGER) => {
  const rule = `must be a non-negative integer${what}`;
  const number = z.number().int(rule).nonnegative(rule).max(max, `${rule}, at most ${max}`);
  return z.union(
    [number, z.string().regex(/^\d+$/, rule).transform(Number).pipe(number)],
    required(rule.slice('must be '.length)),
  );
};
// Seconds, or milliseconds from 1e11 on (see epochToDate): either way a time a Date can hold.
const MAX_DATE_MS = 8.64e15;
const unixSeconds = () => integer(' (Unix seconds)', MAX_DATE_MS);

const buildPayloadSchema = () =>
  z.looseObject({
    event: z.enum(WEBHOOK_EVENT_TYPES, required(`one of ${WEBHOOK_EVENT_TYPES.join(', ')}`)),
    email: z.string(required('a string')).min(1, 'must not be empty'),
    timestamp: unixSeconds(),
    link: optionalString(),
    bulkId: optionalString(),
    // The documentation's table header spells it `bulkid`; accepted as a fallback.
    bulkid: optionalString(),
    reason: optionalString(),
    bounceType: z
      .enum(['soft_bounce', 'hard_bounce', 'soft', 'hard', ''], required('soft_bounce or hard_bounce'))
      .nullish(),
    username: optionalString(),
    from: optionalString(),
    fromDomain: optionalString(),
    templateId: integer('').nullish(),
    useragent: optionalString(),
    subject: optionalString(),
    messageId: optionalString(),
    sentTimestamp: unixSeconds().nullish(),
    [CUSTOM_KEY]: optionalString(),
  });
let builtPayloadSchema: ReturnType<typeof buildPayloadSchema> | undefined;
// Built on the first parse: the SDK barrel (and so the local engine and the CLI) imports this
// module, and most runs never see a callback.
const payloadSchema = () => {
  builtPayloadSchema ??= buildPayloadSchema();
  return builtPayloadSchema;
};

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses and validates one callback body from Tencent Cloud SES (or the local emulator). Accepts the
 * raw body (string or bytes) or already parsed JSON. Unknown fields are kept in `raw` and otherwise
 * ignored; `bounceType` `soft`/`hard` become `soft_bounce`/`hard_bounce`.
 * @throws {ValidationError} `body` when it is over 64 KB, not UTF-8 or not a JSON object; otherwise
 * the wire name of the first invalid field, e.g. `event: must be one of processed, …`.
 * @example
 * const event = parseWebhookEvent(await request.text());
 * if (event.type === 'bounce' && event.bounceType === 'hard_bounce') suppress(event.email);
 */
export function parseWebhookEvent(body: string | Uint8Array | object): WebhookEvent {
  const raw = readBody(body);
  const result = payloadSchema().safeParse(raw);
  if (!result.success) throw toValidationError(result.error, 'body');
  const wire = result.data;
  return {
    type: wire.event,
    email: wire.email,
    // Documented as Unix seconds; a millisecond value is read as such rather than as year 54385.
    timestamp: epochToDate(wire.timestamp),
    ...present('bulkId', wire.bulkId ?? wire.bulkid),
    ...present('link', wire.link),
    ...present('reason', wire.reason),
    ...present('bounceType', normaliseBounceType(wire.bounceType)),
    ...present('username', wire.username),
    ...present('from', wire.from),
    ...present('fromDomain', wire.fromDomain),
    ...present('templateId', wire.templateId),
    ...present('userAgent', wire.useragent),
    ...present('subject', wire.subject),
    ...present('messageId', wire.messageId),
    ...present('sentTimestamp', wire.sentTimestamp == null ? undefined : epochToDate(wire.sentTimestamp)),
    ...present('custom', wire[CUSTOM_KEY]),
    raw,
  };
}

/**
 * Builds the wire payload of one callback, fields in the documented order, absent ones left out;
 * `JSON.stringify` it to POST. The inverse of {@link parseWebhookEvent} (times are whole seconds).
 * @throws {ValidationError} naming the first invalid field.
 * @example
 * createWebhookEvent({ type: 'delivered', email: 'a@example.com', timestamp: new Date(), bulkId })
 */
export function createWebhookEvent(init: WebhookEventInit): WebhookPayload {
  const payload: WebhookPayload = {
    event: init.type,
    email: init.email,
    ...present('link', init.link),
    ...present('bulkId', init.bulkId),
    timestamp: unixTime('timestamp', init.timestamp),
    ...present('reason', init.reason),
    ...present('bounceType', init.bounceType),
    ...present('username', init.username),
    ...present('from', init.from),
    ...present('fromDomain', init.fromDomain),
    ...present('templateId', init.templateId),
    ...present('useragent', init.userAgent),
    ...present('subject', init.subject),
    ...present('messageId', init.messageId),
    ...present('sentTimestamp', init.sentTimestamp && unixTime('sentTimestamp', init.sentTimestamp)),
    ...present(CUSTOM_KEY, init.custom),
  };
  const result = payloadSchema().safeParse(payload);
  if (!result.success) throw toValidationError(result.error, 'event');
  // The parser's size limit too: what this builds, parseWebhookEvent accepts.
  tooLarge(encoder.encode(JSON.stringify(payload)).length);
  return payload;
}

function readBody(body: string | Uint8Array | object): Record<string, unknown> {
  let text: string;
  if (typeof body === 'string') {
    text = body;
    tooLarge(encoder.encode(body).length);
  } else if (body instanceof Uint8Array) {
    tooLarge(body.byteLength);
    try {
      text = decoder.decode(body);
    } catch {
      throw new ValidationError('body', 'is not valid UTF-8');
    }
  } else {
    // An already parsed body gets the same size rule as the bytes it came from.
    let serialised: string | undefined;
    try {
      serialised = JSON.stringify(body);
    } catch {
      throw new ValidationError('body', 'cannot be serialised as JSON');
    }
    tooLarge(encoder.encode(serialised ?? '').length);
    return asObject(body);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ValidationError('body', 'is not valid JSON');
  }
  return asObject(parsed);
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('body', 'must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function tooLarge(bytes: number): void {
  if (bytes > WEBHOOK_MAX_BYTES) {
    throw new ValidationError('body', `is ${bytes} bytes; the limit is ${WEBHOOK_MAX_BYTES}`);
  }
}

function unixTime(field: string, date: Date): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms) || ms < 0) throw new ValidationError(field, 'must be a valid Date after 1970');
  const seconds = Math.floor(ms / 1000);
  // From 1e11 on, an epoch number is read back as milliseconds (epochToDate): the year 5138.
  if (seconds >= 1e11) throw new ValidationError(field, 'must be a Date before the year 5138');
  return seconds;
}

function normaliseBounceType(value: string | null | undefined): BounceType | undefined {
  if (value === 'soft' || value === 'soft_bounce') return 'soft_bounce';
  if (value === 'hard' || value === 'hard_bounce') return 'hard_bounce';
  return undefined;
}

/** `{ [key]: value }`, or `{}` when the value is absent, for spreading optional fields. */
function present<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value == null ? {} : { [key]: value }) as { [P in K]?: V };
}

function toValidationError(error: z.ZodError, fallback: string): ValidationError {
  const issue = error.issues[0];
  return new ValidationError(
    issue?.path.join('.') || fallback,
    issue?.message ?? 'is not a callback payload',
  );
}

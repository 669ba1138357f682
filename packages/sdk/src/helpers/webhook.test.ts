import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import {
  createWebhookEvent,
  parseWebhookEvent,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_MAX_BYTES,
  type WebhookEventInit,
} from './webhook.js';

/** The sample callback of the API reference §7.1, verbatim. */
const SAMPLE =
  '{"event":"bounce","email":"example@example.com","bulkId":"qcloudses-30-251200670-date-20220601142439-8jolHvR2XcXC1","timestamp":1654064683,"reason":"551 5.1.1 recipient is not exist","bounceType":"hard_bounce","username":"251200670","from":"test@fromexample.com","fromDomain":"fromexample.com","templateId":123456,"subject":"example subject","messageId":"ea2783c1-7704-48a8-af36-2b9e83e767ec@fromexample.com","sentTimestamp":1761555487,"X-Tencentcloudses-Cb-Custom":"ses callback"}';

function failure(call: () => unknown): ValidationError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

const minimal = { event: 'delivered', email: 'a@example.com', timestamp: 1700000000 };

describe('parseWebhookEvent', () => {
  it('parses the documented sample exactly', () => {
    expect(parseWebhookEvent(SAMPLE)).toEqual({
      type: 'bounce',
      email: 'example@example.com',
      bulkId: 'qcloudses-30-251200670-date-20220601142439-8jolHvR2XcXC1',
      timestamp: new Date('2022-06-01T06:24:43Z'),
      reason: '551 5.1.1 recipient is not exist',
      bounceType: 'hard_bounce',
      username: '251200670',
      from: 'test@fromexample.com',
      fromDomain: 'fromexample.com',
      templateId: 123456,
      subject: 'example subject',
      messageId: 'ea2783c1-7704-48a8-af36-2b9e83e767ec@fromexample.com',
      sentTimestamp: new Date(1761555487 * 1000),
      custom: 'ses callback',
      raw: JSON.parse(SAMPLE),
    });
  });

  it('accepts the body as bytes, as a Buffer and as parsed JSON', () => {
    const expected = parseWebhookEvent(SAMPLE);
    expect(parseWebhookEvent(Buffer.from(SAMPLE))).toEqual(expected);
    expect(parseWebhookEvent(new TextEncoder().encode(SAMPLE))).toEqual(expected);
    expect(parseWebhookEvent(JSON.parse(SAMPLE) as object)).toEqual(expected);
  });

  it('reads a millisecond timestamp as milliseconds, not as a date 50,000 years ahead', () => {
    const at = Date.UTC(2022, 5, 1, 6, 24, 43, 123);
    const event = parseWebhookEvent({ ...minimal, timestamp: at, sentTimestamp: at - 1000 });
    expect(event.timestamp).toEqual(new Date(at));
    expect(event.sentTimestamp).toEqual(new Date(at - 1000));
    expect(parseWebhookEvent({ ...minimal, timestamp: 1654064683 }).timestamp).toEqual(
      new Date(1654064683 * 1000),
    );
  });

  it('ignores a leading byte order mark', () => {
    expect(parseWebhookEvent(`\uFEFF${JSON.stringify(minimal)}`).type).toBe('delivered');
  });

  it.each([
    ['soft', 'soft_bounce'],
    ['hard', 'hard_bounce'],
    ['soft_bounce', 'soft_bounce'],
  ])('normalises bounceType %s to %s', (wire, normalised) => {
    expect(parseWebhookEvent({ ...minimal, event: 'bounce', bounceType: wire }).bounceType).toBe(normalised);
  });

  it('treats an empty or null bounceType as absent', () => {
    expect(parseWebhookEvent({ ...minimal, bounceType: '' })).not.toHaveProperty('bounceType');
    expect(parseWebhookEvent({ ...minimal, bounceType: null })).not.toHaveProperty('bounceType');
  });

  it('parses every documented event type', () => {
    for (const type of WEBHOOK_EVENT_TYPES)
      expect(parseWebhookEvent({ ...minimal, event: type }).type).toBe(type);
  });

  it('maps click fields and camel-cases useragent', () => {
    const event = parseWebhookEvent({
      ...minimal,
      event: 'click',
      link: 'https://example.com/a?b=1',
      useragent: 'Mozilla/5.0',
    });
    expect(event.link).toBe('https://example.com/a?b=1');
    expect(event.userAgent).toBe('Mozilla/5.0');
  });

  it('keeps unknown fields in raw only', () => {
    const event = parseWebhookEvent({ ...minimal, eventid: 7, future: { x: 1 } });
    expect(event.raw).toMatchObject({ eventid: 7, future: { x: 1 } });
    expect(event).not.toHaveProperty('eventid');
  });

  it('leaves absent and null optional fields out', () => {
    const event = parseWebhookEvent({ ...minimal, reason: null, link: undefined });
    expect(Object.keys(event).sort()).toEqual(['email', 'raw', 'timestamp', 'type']);
  });

  it('accepts digit strings for integer fields', () => {
    const event = parseWebhookEvent({
      ...minimal,
      timestamp: '1654064683',
      templateId: '42',
      sentTimestamp: '1',
    });
    expect(event.timestamp).toEqual(new Date(1654064683000));
    expect(event.templateId).toBe(42);
    expect(event.sentTimestamp).toEqual(new Date(1000));
  });

  it('refuses integers past what a Date or a safe integer can hold, as numbers or digit strings', () => {
    for (const timestamp of [9e15, '9000000000000000', '99999999999999999999999']) {
      expect(failure(() => parseWebhookEvent({ ...minimal, timestamp })).field, String(timestamp)).toBe(
        'timestamp',
      );
    }
    expect(failure(() => parseWebhookEvent({ ...minimal, templateId: '123456789012345678901' })).field).toBe(
      'templateId',
    );
  });

  it('reads the bulkid spelling of the documentation table as bulkId', () => {
    expect(parseWebhookEvent({ ...minimal, bulkid: 'b-1' }).bulkId).toBe('b-1');
    expect(parseWebhookEvent({ ...minimal, bulkid: 'old', bulkId: 'new' }).bulkId).toBe('new');
  });

  it.each([
    [
      'an unknown event',
      { ...minimal, event: 'opened' },
      'event',
      'must be one of processed, deferred, delivered',
    ],
    ['no event', { email: 'a@example.com', timestamp: 1 }, 'event', 'is required'],
    ['no email', { event: 'open', timestamp: 1 }, 'email', 'is required'],
    ['an empty email', { ...minimal, email: '' }, 'email', 'must not be empty'],
    ['a numeric email', { ...minimal, email: 5 }, 'email', 'must be a string'],
    ['no timestamp', { event: 'open', email: 'a@example.com' }, 'timestamp', 'is required'],
    ['a fractional timestamp', { ...minimal, timestamp: 1.5 }, 'timestamp', 'must be a non-negative integer'],
    ['a negative timestamp', { ...minimal, timestamp: -1 }, 'timestamp', 'must be a non-negative integer'],
    [
      'a date-string timestamp',
      { ...minimal, timestamp: '2022-06-01' },
      'timestamp',
      'must be a non-negative',
    ],
    [
      'an unknown bounceType',
      { ...minimal, bounceType: 'medium' },
      'bounceType',
      'must be soft_bounce or hard_bounce',
    ],
    ['an object templateId', { ...minimal, templateId: {} }, 'templateId', 'must be a non-negative integer'],
    ['a numeric subject', { ...minimal, subject: 1 }, 'subject', 'must be a string'],
    [
      'a numeric custom value',
      { ...minimal, 'X-Tencentcloudses-Cb-Custom': 1 },
      'X-Tencentcloudses-Cb-Custom',
      'must',
    ],
  ])('rejects %s, naming the field', (_label, body, field, rule) => {
    const error = failure(() => parseWebhookEvent(body));
    expect(error.field).toBe(field);
    expect(error.rule).toContain(rule);
  });

  it.each([
    ['not JSON', '{"event":', 'is not valid JSON'],
    ['an empty body', '', 'is not valid JSON'],
    ['a JSON array', '[]', 'must be a JSON object'],
    ['JSON null', 'null', 'must be a JSON object'],
    ['a JSON string', '"bounce"', 'must be a JSON object'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), 'is not valid UTF-8'],
    ['an array object', [minimal], 'must be a JSON object'],
  ])('rejects %s as a body', (_label, body, rule) => {
    const error = failure(() => parseWebhookEvent(body));
    expect([error.field, error.rule]).toEqual(['body', rule]);
  });

  describe('size guard', () => {
    const withSubject = (bytes: number) => {
      const base = JSON.stringify({ ...minimal, subject: '' });
      return JSON.stringify({ ...minimal, subject: 'x'.repeat(bytes - base.length) });
    };

    it('accepts a body of exactly 64 KB', () => {
      const body = withSubject(WEBHOOK_MAX_BYTES);
      expect(body).toHaveLength(65_536);
      expect(parseWebhookEvent(body).subject).toHaveLength(
        65_536 - JSON.stringify({ ...minimal, subject: '' }).length,
      );
    });

    it('rejects one byte more, whatever the form of the body', () => {
      const body = withSubject(WEBHOOK_MAX_BYTES + 1);
      const rule = 'is 65537 bytes; the limit is 65536';
      expect(failure(() => parseWebhookEvent(body)).rule).toBe(rule);
      expect(failure(() => parseWebhookEvent(Buffer.from(body))).rule).toBe(rule);
      expect(failure(() => parseWebhookEvent(JSON.parse(body) as object)).rule).toBe(rule);
    });

    it('counts UTF-8 bytes of a string body, not characters', () => {
      const base = JSON.stringify({ ...minimal, subject: '' }).length;
      const body = JSON.stringify({
        ...minimal,
        subject: '中'.repeat(Math.ceil((WEBHOOK_MAX_BYTES - base) / 3) + 1),
      });
      expect(body.length).toBeLessThan(WEBHOOK_MAX_BYTES);
      expect(failure(() => parseWebhookEvent(body)).field).toBe('body');
    });

    it('rejects a parsed body that cannot be serialised', () => {
      const cyclic: Record<string, unknown> = { ...minimal };
      cyclic['self'] = cyclic;
      expect(failure(() => parseWebhookEvent(cyclic)).rule).toBe('cannot be serialised as JSON');
    });
  });
});

describe('createWebhookEvent', () => {
  it('rebuilds the documented sample byte for byte', () => {
    const { raw: _raw, ...event } = parseWebhookEvent(SAMPLE);
    expect(JSON.stringify(createWebhookEvent(event))).toBe(SAMPLE);
  });

  it('writes click fields in wire names and whole seconds', () => {
    expect(
      createWebhookEvent({
        type: 'click',
        email: 'a@example.com',
        timestamp: new Date(1_700_000_000_999),
        link: 'https://example.com',
        userAgent: 'UA',
        bulkId: 'm-1',
      }),
    ).toEqual({
      event: 'click',
      email: 'a@example.com',
      link: 'https://example.com',
      bulkId: 'm-1',
      timestamp: 1_700_000_000,
      useragent: 'UA',
    });
  });

  it('rejects what the parser would reject, naming the field', () => {
    const base: WebhookEventInit = { type: 'open', email: 'a@example.com', timestamp: new Date(0) };
    expect(failure(() => createWebhookEvent({ ...base, type: 'read' as 'open' })).field).toBe('event');
    expect(failure(() => createWebhookEvent({ ...base, email: '' })).field).toBe('email');
    expect(failure(() => createWebhookEvent({ ...base, timestamp: new Date(Number.NaN) })).field).toBe(
      'timestamp',
    );
    expect(failure(() => createWebhookEvent({ ...base, sentTimestamp: new Date(-1000) })).field).toBe(
      'sentTimestamp',
    );
    expect(failure(() => createWebhookEvent({ ...base, templateId: -1 })).field).toBe('templateId');
    // A time the parser would read back as milliseconds, and a payload over its size limit.
    expect(
      failure(() => createWebhookEvent({ ...base, timestamp: new Date('6000-01-01T00:00:00Z') })).field,
    ).toBe('timestamp');
    expect(failure(() => createWebhookEvent({ ...base, subject: 'x'.repeat(70_000) })).field).toBe('body');
  });

  it('round-trips through parseWebhookEvent', () => {
    const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const seconds = fc.integer({ min: 0, max: 4_102_444_800 }).map((s) => new Date(s * 1000));
    const init = fc.record(
      {
        type: fc.constantFrom(...WEBHOOK_EVENT_TYPES),
        email: fc.string({ minLength: 1 }),
        timestamp: seconds,
        bulkId: optional(fc.string()),
        link: optional(fc.webUrl()),
        reason: optional(fc.string()),
        bounceType: optional(fc.constantFrom('soft_bounce' as const, 'hard_bounce' as const)),
        username: optional(fc.string()),
        from: optional(fc.emailAddress()),
        fromDomain: optional(fc.domain()),
        templateId: optional(fc.nat()),
        userAgent: optional(fc.string()),
        subject: optional(fc.string({ unit: 'grapheme' })),
        messageId: optional(fc.string()),
        sentTimestamp: optional(seconds),
        custom: optional(fc.string()),
      },
      { requiredKeys: ['type', 'email', 'timestamp'] },
    );
    fc.assert(
      fc.property(init, (event) => {
        const defined = Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined));
        const wire = JSON.stringify(createWebhookEvent(event as WebhookEventInit));
        const { raw, ...parsed } = parseWebhookEvent(wire);
        expect(parsed).toEqual(defined);
        expect(raw).toEqual(JSON.parse(wire));
      }),
      { numRuns: 300 },
    );
  });
});

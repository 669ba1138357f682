import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  OperationFailedError,
  RateLimitError,
  TimeoutError,
} from '../../src/core/errors.js';
import { type FaultHarness, failure, recordUnhandledRejections, startFaultHarness } from './harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LIST = { Limit: 10, Offset: 0 } as const;

let h: FaultHarness;
let rejections: ReturnType<typeof recordUnhandledRejections>;

beforeAll(async () => {
  rejections = recordUnhandledRejections();
  h = await startFaultHarness({ maxRetries: 2 });
});
beforeEach(() => h.resetCounts());
afterAll(async () => {
  await h.close();
  expect(rejections.stop()).toEqual([]);
});

const list = (options?: Parameters<FaultHarness['client']['invoke']>[2]) =>
  h.client.invoke('ListEmailTemplates', LIST, options);

describe('reads under faults: bounded retries with backoff', () => {
  it.each([
    ['a reset before processing', { kind: 'reset-before' }],
    ['a reset after processing', { kind: 'reset-after' }],
    ['an HTTP 502 from a proxy', { kind: 'http-5xx' }],
    ['an InternalError envelope', { kind: 'internal-error' }],
    ['a RequestLimitExceeded burst', { kind: 'rate-limit' }],
    ['a truncated JSON answer', { kind: 'truncated-json' }],
    ['a malformed JSON answer', { kind: 'malformed-json' }],
  ] as const)('recovers from two calls hit by %s: three attempts reach the emulator', async (_name, spec) => {
    h.faults({ ListEmailTemplates: { ...spec, times: 2 } });
    const started = performance.now();
    const answer = await list();
    expect(answer.TotalCount).toBe(0);
    expect(answer.RequestId).toMatch(UUID);
    expect(h.calls('ListEmailTemplates')).toBe(3);
    expect(h.emulator.faults.stats().injected).toEqual({ [`ListEmailTemplates:${spec.kind}`]: 2 });
    // Backoff, not a hot loop: at least 0.5 s and 1 s, each minus its 25 % jitter, were waited.
    expect(performance.now() - started).toBeGreaterThanOrEqual(0.75 * 1500 - 5);
  });

  it('gives up after maxRetries and surfaces the last failure, typed', async () => {
    h.faults({ ListEmailTemplates: { kind: 'reset-before' } });
    const error = await failure(list());
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveBeenSent).toBe(true);
    expect(h.calls('ListEmailTemplates')).toBe(3);

    h.resetCounts();
    h.faults({ ListEmailTemplates: { kind: 'reset-before' } });
    await failure(list({ maxRetries: 0 }));
    expect(h.calls('ListEmailTemplates')).toBe(1);
  });
});

describe('every failure surfaces as its typed error, with the request id when there is one', () => {
  it('InternalError envelope → InternalServerError carrying the envelope RequestId', async () => {
    h.faults({ ListEmailTemplates: { kind: 'internal-error' } });
    const error = (await failure(list({ maxRetries: 0 }))) as InternalServerError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.code).toBe('InternalError');
    expect(error.requestId).toMatch(UUID);
    expect(error.message).toContain(error.requestId);
  });

  it('RequestLimitExceeded → RateLimitError with its RequestId once retries are spent', async () => {
    h.faults({ ListEmailTemplates: { kind: 'rate-limit' } });
    const error = (await failure(list({ maxRetries: 1 }))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.requestId).toMatch(UUID);
    expect(h.calls('ListEmailTemplates')).toBe(2);
  });

  it('HTTP 503 without an envelope → InternalServerError with the status and no request id', async () => {
    h.faults({ ListEmailTemplates: { kind: 'http-5xx', status: 503 } });
    const error = (await failure(list({ maxRetries: 0 }))) as InternalServerError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.httpStatus).toBe(503);
    expect(error.requestId).toBeUndefined();
  });

  it.each([
    ['truncated-json', /not valid JSON/],
    ['malformed-json', /not valid JSON/],
    ['reset-after', /failed/],
  ] as const)('%s → ConnectionError that may have been sent', async (kind, message) => {
    h.faults({ ListEmailTemplates: { kind } });
    const error = (await failure(list({ maxRetries: 0 }))) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.mayHaveBeenSent).toBe(true);
    expect(error.message).toMatch(message);
  });

  it('service errors keep their code family and RequestId (no fault involved)', async () => {
    const missing = await failure(h.client.invoke('GetEmailTemplate', { TemplateID: 999_999 }));
    expect(missing).toSatisfy((e) => e instanceof NotFoundError || e instanceof OperationFailedError);
    expect((missing as NotFoundError).requestId).toMatch(UUID);
    expect(h.calls('GetEmailTemplate')).toBe(1);
  });
});

describe('timeouts and aborts are honoured', () => {
  it('a slow answer past the timeout is a TimeoutError; a read is retried within its budget', async () => {
    h.faults({ ListEmailTemplates: { kind: 'latency', delayMs: 5_000 } });
    const error = (await failure(list({ timeout: 150, maxRetries: 1 }))) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.mayHaveBeenSent).toBe(true);
    expect(h.calls('ListEmailTemplates')).toBe(2);
  });

  it('latency under the timeout is just slow: the answer arrives', async () => {
    h.faults({ ListEmailTemplates: { kind: 'latency', delayMs: 100 } });
    expect((await list({ timeout: 5_000 })).TotalCount).toBe(0);
    expect(h.emulator.faults.stats().injected).toEqual({ 'ListEmailTemplates:latency': 1 });
  });

  it("the caller's abort ends the call at once with AbortError and no retry", async () => {
    h.faults({ ListEmailTemplates: { kind: 'latency', delayMs: 5_000 } });
    const controller = new AbortController();
    const pending = failure(list({ signal: controller.signal, timeout: 10_000 }));
    setTimeout(() => controller.abort(), 100);
    const error = await pending;
    expect(error).toBeInstanceOf(AbortError);
    expect(h.calls('ListEmailTemplates')).toBe(1);
  });

  it('an abort during the backoff between attempts is an AbortError too', async () => {
    h.faults({ ListEmailTemplates: { kind: 'internal-error' } });
    const controller = new AbortController();
    const pending = failure(list({ signal: controller.signal }));
    // The first attempt fails at once; the abort lands in the 0.5 s wait before the second.
    setTimeout(() => controller.abort(), 150);
    expect(await pending).toBeInstanceOf(AbortError);
    expect(h.calls('ListEmailTemplates')).toBe(1);
  });
});

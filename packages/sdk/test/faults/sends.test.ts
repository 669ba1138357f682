import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError, InternalServerError, TimeoutError } from '../../src/core/errors.js';
import {
  type FaultHarness,
  failure,
  recordUnhandledRejections,
  SENDER,
  startFaultHarness,
} from './harness.js';

let h: FaultHarness;
let rejections: ReturnType<typeof recordUnhandledRejections>;
let templateId: number;

beforeAll(async () => {
  rejections = recordUnhandledRejections();
  // A generous retry budget: whatever is not retried below is refused by the policy, not the budget.
  h = await startFaultHarness({ maxRetries: 3 });
  templateId = await h.setUpSender();
});
afterAll(async () => {
  await h.close();
  expect(rejections.stop()).toEqual([]);
});

let sequence = 0;
/** A send to a fresh recipient, so each test counts only its own messages. */
function sendEmail(options?: Parameters<FaultHarness['client']['invoke']>[2]) {
  sequence += 1;
  const to = `user${sequence}@example.org`;
  return {
    to,
    promise: h.client.invoke(
      'SendEmail',
      {
        FromEmailAddress: SENDER,
        Destination: [to],
        Subject: `Hello ${sequence}`,
        Template: { TemplateID: templateId, TemplateData: '{"name":"Ana"}' },
      },
      options,
    ),
  };
}
const messagesTo = (to: string) => h.emulator.backend.messages.list({ to }).total;

describe('SendEmail is never sent twice', () => {
  beforeEach(() => h.resetCounts());

  it.each([
    ['the connection is reset after the emulator accepted it', { kind: 'reset-after' }],
    ['the answer is truncated JSON', { kind: 'truncated-json' }],
    ['the answer is malformed JSON', { kind: 'malformed-json' }],
  ] as const)(
    'when %s: one attempt, one message, a ConnectionError that may have been sent',
    async (_n, spec) => {
      h.faults({ SendEmail: spec });
      const { to, promise } = sendEmail();
      const error = (await failure(promise)) as ConnectionError;
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.mayHaveBeenSent).toBe(true);
      expect(h.calls('SendEmail')).toBe(1);
      expect(messagesTo(to)).toBe(1);
    },
  );

  it.each([
    ['an InternalError envelope after processing', 1, { kind: 'internal-error', processed: true }],
    ['an HTTP 502 after processing', 1, { kind: 'http-5xx', processed: true }],
    ['an InternalError envelope without processing', 0, { kind: 'internal-error' }],
  ] as const)('after %s: not retried, InternalServerError, %i message(s)', async (_n, expected, spec) => {
    h.faults({ SendEmail: spec });
    const { to, promise } = sendEmail();
    expect(await failure(promise)).toBeInstanceOf(InternalServerError);
    expect(h.calls('SendEmail')).toBe(1);
    expect(messagesTo(to)).toBe(expected);
  });

  it('a reset before processing is still reported as "may have been sent" (the client cannot tell)', async () => {
    h.faults({ SendEmail: { kind: 'reset-before' } });
    const { to, promise } = sendEmail();
    const error = (await failure(promise)) as ConnectionError;
    expect(error.mayHaveBeenSent).toBe(true);
    expect(h.calls('SendEmail')).toBe(1);
    expect(messagesTo(to)).toBe(0);
  });

  it('a timeout is not retried, and the emulator does send once the slow call completes', async () => {
    h.faults({ SendEmail: { kind: 'latency', delayMs: 400 } });
    const { to, promise } = sendEmail({ timeout: 100 });
    const error = (await failure(promise)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.mayHaveBeenSent).toBe(true);
    expect(h.calls('SendEmail')).toBe(1);
    // Exactly why a send must not be repeated after a timeout: the server did the work.
    await vi.waitFor(() => expect(messagesTo(to)).toBe(1), { timeout: 5_000 });
  });

  it('a RequestLimitExceeded burst is retried and the email is accepted exactly once', async () => {
    h.faults({ SendEmail: { kind: 'rate-limit', times: 2 } });
    const { to, promise } = sendEmail();
    const { MessageId } = await promise;
    expect(h.calls('SendEmail')).toBe(3);
    expect(h.emulator.faults.stats().injected).toEqual({ 'SendEmail:rate-limit': 2 });
    const listed = h.emulator.backend.messages.list({ to });
    expect(listed.total).toBe(1);
    expect(listed.items[0]?.id).toBe(MessageId);
  });
});

describe('BatchSendEmail is never sent twice', () => {
  beforeEach(() => h.resetCounts());

  it.each([['reset-after'], ['truncated-json'], ['malformed-json']] as const)(
    'after %s: one attempt, one task',
    async (kind) => {
      const group = await h.createGroup(['a@example.net', 'b@example.net']);
      const tasksBefore = await h.taskCount();
      h.faults({ BatchSendEmail: { kind } });
      const error = (await failure(
        h.client.invoke('BatchSendEmail', {
          FromEmailAddress: SENDER,
          ReceiverId: group,
          Subject: 'News',
          TaskType: 1,
          Template: { TemplateID: templateId, TemplateData: '{"name":"all"}' },
        }),
      )) as ConnectionError;
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.mayHaveBeenSent).toBe(true);
      expect(h.calls('BatchSendEmail')).toBe(1);
      expect(await h.taskCount()).toBe(tasksBefore + 1);
    },
  );

  it('a rate-limit burst is retried and creates exactly one task', async () => {
    const group = await h.createGroup(['c@example.net']);
    const tasksBefore = await h.taskCount();
    h.faults({ BatchSendEmail: { kind: 'rate-limit', times: 2 } });
    const { TaskId } = await h.client.invoke('BatchSendEmail', {
      FromEmailAddress: SENDER,
      ReceiverId: group,
      Subject: 'News',
      TaskType: 1,
      Template: { TemplateID: templateId, TemplateData: '{"name":"all"}' },
    });
    expect(TaskId).toBeGreaterThan(0);
    expect(h.calls('BatchSendEmail')).toBe(3);
    expect(await h.taskCount()).toBe(tasksBefore + 1);
  });
});

describe('no leaked sockets', () => {
  it('after a storm of mixed faults, close() leaves the emulator with no open connection', async () => {
    h.resetCounts();
    h.faults({
      '*': [
        { kind: 'latency', delayMs: 20, probability: 0.3, seed: 7 },
        { kind: 'reset-before', probability: 0.2, seed: 11 },
        { kind: 'reset-after', probability: 0.1, seed: 13 },
        { kind: 'truncated-json', probability: 0.1, seed: 17 },
      ],
    });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        i % 4 === 0
          ? h.client.invoke('ListEmailAddress', {}, { timeout: i % 8 === 0 ? 10 : 5_000, maxRetries: 1 })
          : h.client.invoke('ListEmailTemplates', { Limit: 5, Offset: 0 }, { maxRetries: 0 }),
      ),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    // The storm did hit (seeded, so the same every run) and every failure is one of ours.
    expect(failed.length).toBeGreaterThan(0);
    for (const result of failed)
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ConnectionError);
    expect(h.emulator.openConnections()).toBeGreaterThan(0);
    await h.client.close();
    await vi.waitFor(() => expect(h.emulator.openConnections()).toBe(0), { timeout: 5_000 });
    h.resetCounts();
  });
});

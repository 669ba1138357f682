import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addresses,
  createGroup,
  createHarness,
  DAY,
  type Harness,
  HOUR,
  SENDER,
  setupSender,
} from './harness.js';

// The repository's copy of the reference plan (the SDK's tests keep it equal to the embedded default).
const plan = JSON.parse(
  readFileSync(new URL('../../../sdk/src/helpers/warmup-default-plan.json', import.meta.url), 'utf8'),
) as { days: { day: number; limit: number }[] };
const limit = (day: number) => plan.days.find((d) => d.day === day)?.limit ?? Number.NaN;

let h: Harness;
afterEach(async () => {
  await h.cleanup();
});

const task = async (id: number) => {
  const { Data } = (await h.call('ListSendTasks', { Offset: 0, Limit: 100 })) as {
    Data: Record<string, unknown>[];
  };
  return Data.find((t) => t['TaskId'] === id) ?? {};
};

const batch = (templateId: number, receiverId: number, extra: Record<string, unknown> = {}) => ({
  FromEmailAddress: SENDER,
  ReceiverId: receiverId,
  Subject: 'News for {{name}}',
  TaskType: 1,
  Template: { TemplateID: templateId, TemplateData: '{}' },
  ...extra,
});

describe('warm-up', () => {
  it('sends day 1 its quota, caches the rest (status 6) and follows the plan day by day', async () => {
    h = createHarness();
    const templateId = await setupSender(h);
    // Signing is covered by the SendEmail tests; here it would only slow 4,000 deliveries down.
    const db = new Database(join(h.dir, 'ses.db'));
    db.prepare('DELETE FROM dkim_keys').run();
    db.close();
    const total = limit(1) + limit(2) + limit(3) + 500;
    const receiverId = await createGroup(h, addresses(total));
    const { TaskId } = (await h.call('BatchSendEmail', batch(templateId, receiverId))) as { TaskId: number };
    // The request only creates the task.
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 1, SendCount: 0 });
    expect(h.outboxFiles()).toHaveLength(0);

    const perDay: number[] = [];
    let sentBefore = 0;
    for (let day = 1; day <= 4; day++) {
      if (day > 1) h.backend.advanceTime(DAY);
      await h.backend.runDue();
      const now = await task(TaskId);
      perDay.push((now['SendCount'] as number) - sentBefore);
      sentBefore = now['SendCount'] as number;
      expect(now['RequestCount']).toBe(total);
      if (day < 4) {
        expect(now).toMatchObject({ TaskStatus: 6, CacheCount: total - sentBefore });
        // Nothing more goes out the same day, however often due work runs.
        await h.backend.runDue();
        expect((await task(TaskId))['SendCount']).toBe(sentBefore);
      } else {
        expect(now).toMatchObject({ TaskStatus: 10, CacheCount: 0 });
      }
    }
    expect(perDay).toEqual([limit(1), limit(2), limit(3), 500]);
    expect(h.outboxFiles()).toHaveLength(total);
  }, 300_000);

  it('finishes on the day the quota runs out on the last recipient, with nothing cached', async () => {
    h = createHarness();
    const templateId = await setupSender(h);
    // Exactly day 1's quota, then exactly days 1 and 2 together; invalid addresses after the last
    // valid one are not recipients either.
    const exact = await createGroup(h, [...addresses(limit(1)), 'not-an-address', 'also@@bad'], 'exact');
    const { TaskId } = (await h.call('BatchSendEmail', batch(templateId, exact))) as { TaskId: number };
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 10, SendCount: limit(1), CacheCount: 0 });
    await h.cleanup();

    h = createHarness();
    const id = await setupSender(h);
    const twoDays = await createGroup(h, addresses(limit(1) + limit(2)), 'two-days');
    const second = (await h.call('BatchSendEmail', batch(id, twoDays))) as { TaskId: number };
    await h.backend.runDue();
    expect(await task(second.TaskId)).toMatchObject({ TaskStatus: 6, CacheCount: limit(2) });
    h.backend.advanceTime(DAY);
    await h.backend.runDue();
    expect(await task(second.TaskId)).toMatchObject({
      TaskStatus: 10,
      SendCount: limit(1) + limit(2),
      CacheCount: 0,
    });
  }, 120_000);

  it('resumes 24 hours after the pause, not at midnight', async () => {
    h = createHarness();
    const templateId = await setupSender(h);
    const receiverId = await createGroup(h, addresses(limit(1) + 10));
    const { TaskId } = (await h.call('BatchSendEmail', batch(templateId, receiverId))) as { TaskId: number };
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 6, SendCount: limit(1), CacheCount: 10 });
    h.backend.advanceTime(23 * HOUR);
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 6, SendCount: limit(1) });
    h.backend.advanceTime(HOUR);
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 10, SendCount: limit(1) + 10, CacheCount: 0 });
  });

  it('resumes on the next calendar day even when a daylight-saving day lasts 25 hours', async () => {
    // 2 November 2025, 00:10 in New York: a 25-hour day (clocks go back at 02:00).
    h = createHarness({ timeZone: 'America/New_York', now: () => Date.UTC(2025, 10, 2, 4, 10) });
    const templateId = await setupSender(h);
    const receiverId = await createGroup(h, addresses(limit(1) + 10));
    const { TaskId } = (await h.call('BatchSendEmail', batch(templateId, receiverId))) as { TaskId: number };
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 6, SendCount: limit(1) });
    // 24 hours later it is 23:10 the same day: still paused, the day's quota is spent.
    h.backend.advanceTime(24 * HOUR);
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 6, SendCount: limit(1) });
    // At midnight day 2 begins and the rest goes out.
    h.backend.advanceTime(HOUR);
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 10, SendCount: limit(1) + 10 });
  });

  it('counts a data directory reopened in a zone further west, before its first send day, as day 1', async () => {
    h = createHarness();
    const templateId = await setupSender(h);
    const first = await createGroup(h, addresses(3, 'a'), 'a');
    await h.call('BatchSendEmail', batch(templateId, first));
    await h.backend.runDue();
    await h.backend.close();
    // 10:00 in Shanghai is still the day before in Los Angeles.
    h = createHarness({ timeZone: 'America/Los_Angeles' }, h.dir);
    const second = await createGroup(h, addresses(3, 'b'), 'b');
    const { TaskId } = (await h.call('BatchSendEmail', batch(templateId, second))) as { TaskId: number };
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 10, SendCount: 3 });
  });

  it('rejects an unknown time zone when the backend is built', () => {
    expect(() => createHarness({ timeZone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ name: 'ValidationError', field: 'timeZone' }),
    );
  });

  it('shares one quota between the tasks of a domain and can be switched off', async () => {
    h = createHarness();
    const templateId = await setupSender(h);
    const a = await createGroup(h, addresses(400, 'a'), 'a');
    const b = await createGroup(h, addresses(400, 'b'), 'b');
    const first = (await h.call('BatchSendEmail', batch(templateId, a))) as { TaskId: number };
    const second = (await h.call('BatchSendEmail', batch(templateId, b))) as { TaskId: number };
    // One pass enqueues both tasks' recipients until the shared quota pauses the second.
    expect(await h.backend.runDue()).toMatchObject({
      tasksStarted: 2,
      emailsSent: limit(1),
      emailsCached: 300,
    });
    expect(await task(first.TaskId)).toMatchObject({ TaskStatus: 10, SendCount: 400 });
    expect(await task(second.TaskId)).toMatchObject({
      TaskStatus: 6,
      SendCount: limit(1) - 400,
      CacheCount: 300,
    });
    await h.cleanup();

    h = createHarness({ warmup: false });
    const id = await setupSender(h);
    const group = await createGroup(h, addresses(800));
    const free = (await h.call('BatchSendEmail', batch(id, group))) as { TaskId: number };
    await h.backend.runDue();
    expect(await task(free.TaskId)).toMatchObject({ TaskStatus: 10, SendCount: 800 });
  });

  it('rejects a custom plan that breaks the rules when the backend is built', () => {
    const bad: [unknown, string][] = [
      [{ days: [] }, 'warmupPlan.days'],
      [{ days: [{ day: 1, limit: 0 }] }, 'warmupPlan.days.0.limit'],
      [
        {
          days: [
            { day: 1, limit: 5 },
            { day: 2, limit: 2 },
          ],
        },
        'warmupPlan.days.1.limit',
      ],
      [{ days: [{ day: 2, limit: 5 }] }, 'warmupPlan.days.0.day'],
      [{ plan: 'x' }, 'warmupPlan'],
    ];
    for (const [plan, field] of bad) {
      expect(() => createHarness({ warmupPlan: plan as never }), JSON.stringify(plan)).toThrow(
        expect.objectContaining({ name: 'ValidationError', field }),
      );
    }
  });

  it('follows a custom plan', async () => {
    h = createHarness({
      warmupPlan: {
        days: [
          { day: 1, limit: 3 },
          { day: 2, limit: 5 },
        ],
      },
    });
    const templateId = await setupSender(h);
    const group = await createGroup(h, addresses(12));
    const { TaskId } = (await h.call('BatchSendEmail', batch(templateId, group))) as { TaskId: number };
    const counts: number[] = [];
    for (let day = 0; day < 3; day++) {
      if (day > 0) h.backend.advanceTime(DAY);
      await h.backend.runDue();
      counts.push((await task(TaskId))['SendCount'] as number);
    }
    // 3, then 5, then the last limit (5) holds: 3 + 5 + 4.
    expect(counts).toEqual([3, 8, 12]);
  });
});

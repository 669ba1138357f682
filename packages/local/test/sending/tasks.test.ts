import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addresses,
  createGroup,
  createHarness,
  DAY,
  type Harness,
  HOUR,
  SENDER,
  START,
  setupSender,
} from './harness.js';

let h: Harness;
let templateId: number;

beforeEach(async () => {
  h = createHarness({ warmup: false });
  templateId = await setupSender(h);
});
afterEach(async () => {
  await h.cleanup();
});

/** `YYYY-MM-DD HH:mm:ss` in Shanghai of START + `offsetMs`. */
const at = (offsetMs: number) =>
  new Date(START + offsetMs + 8 * HOUR).toISOString().replace('T', ' ').slice(0, 19);

const batch = (receiverId: number, extra: Record<string, unknown> = {}) => ({
  FromEmailAddress: SENDER,
  ReceiverId: receiverId,
  Subject: 'News for {{name}}',
  TaskType: 1,
  Template: { TemplateID: templateId, TemplateData: '{}' },
  ...extra,
});

async function tasks(filter: Record<string, unknown> = {}) {
  return (await h.call('ListSendTasks', { Offset: 0, Limit: 100, ...filter })) as {
    TotalCount: number;
    Data: Record<string, unknown>[];
  };
}
const task = async (id: unknown) => (await tasks()).Data.find((t) => t['TaskId'] === id) ?? {};

describe('BatchSendEmail', () => {
  it('checks its parameters with the service codes', async () => {
    const group = await createGroup(h, addresses(3));
    const fail = async (payload: Record<string, unknown>) => (await h.fail('BatchSendEmail', payload)).code;
    expect(await fail(batch(group, { TaskType: 2 }))).toBe('MissingParameter.TimedParamNecessary');
    expect(await fail(batch(group, { TaskType: 3 }))).toBe('MissingParameter.CycleParamNecessary');
    expect(await fail(batch(group, { TaskType: 2, TimedParam: { BeginTime: at(-HOUR) } }))).toBe(
      'InvalidParameterValue.BeginTimeBeforeNow',
    );
    expect(await fail(batch(group, { Template: undefined }))).toBe('MissingParameter.SendParamNecessary');
    expect(await fail(batch(group, { FromEmailAddress: 'ghost@mail.example.com' }))).toBe(
      'OperationDenied.SendAddressStatusError',
    );
    expect(await fail(batch(group, { Template: { TemplateID: 424242, TemplateData: '{}' } }))).toBe(
      'OperationDenied.TemplateStatusError',
    );
    expect(await fail(batch(999_999))).toBe('OperationDenied.ReceiverNotExist');
    const { ReceiverId: empty } = await h.call('CreateReceiver', { ReceiversName: 'empty' });
    expect(await fail(batch(empty as number))).toBe('OperationDenied.ReceiverStatusError');
    const { ReceiverId: plain } = await h.call('CreateReceiver', { ReceiversName: 'plain' });
    await h.call('CreateReceiverDetail', { ReceiverId: plain, Emails: ['a@example.net'] });
    // Not processed yet: the upload is still running.
    expect(await fail(batch(plain as number))).toBe('OperationDenied.ReceiverStatusError');
    await h.backend.runDue();
    // The group has no data and the task gives no value for {{name}}.
    expect(await fail(batch(plain as number))).toBe('InvalidParameterValue.TemplateNotMatchData');
    expect(
      await h.call(
        'BatchSendEmail',
        batch(plain as number, { Template: { TemplateID: templateId, TemplateData: '{"name":"All"}' } }),
      ),
    ).toHaveProperty('TaskId');
  });

  it('renders each recipient with its own data and the ad label', async () => {
    const group = await createGroup(h, ['one@example.net', 'two@example.net']);
    await h.call('BatchSendEmail', batch(group, { ADLocation: 1 }));
    await h.backend.runDue();
    const subjects = h.backend.messages
      .list()
      .items.map((m) => [m.to, m.subject])
      .sort();
    expect(subjects).toEqual([
      ['one@example.net', '<AD>News for User 0'],
      ['two@example.net', '<AD>News for User 1'],
    ]);
  });

  it('runs a scheduled task at its begin time', async () => {
    const group = await createGroup(h, addresses(5));
    const { TaskId } = await h.call(
      'BatchSendEmail',
      batch(group, { TaskType: 2, TimedParam: { BeginTime: at(2 * HOUR) } }),
    );
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({
      TaskStatus: 1,
      SendCount: 0,
      TimedParam: { BeginTime: at(2 * HOUR) },
    });
    h.backend.advanceTime(2 * HOUR - 1000);
    await h.backend.runDue();
    expect((await task(TaskId))['SendCount']).toBe(0);
    h.backend.advanceTime(1000);
    const report = await h.backend.runDue();
    expect(report).toMatchObject({ tasksStarted: 1, emailsSent: 5 });
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 10, SendCount: 5, RequestCount: 5 });
  });

  it('fires a recurring task on each interval, and TermCycle 1 ends it after its cycle', async () => {
    const group = await createGroup(h, addresses(3));
    const { TaskId } = await h.call(
      'BatchSendEmail',
      batch(group, { TaskType: 3, CycleParam: { BeginTime: at(HOUR), IntervalTime: 24 } }),
    );
    const sends: number[] = [];
    h.backend.advanceTime(HOUR);
    for (let cycle = 0; cycle < 3; cycle++) {
      await h.backend.runDue();
      await h.backend.runDue();
      sends.push((await task(TaskId))['SendCount'] as number);
      h.backend.advanceTime(DAY);
    }
    expect(sends).toEqual([3, 6, 9]);
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 1, TaskType: 3, RequestCount: 9 });

    const once = await h.call(
      'BatchSendEmail',
      batch(group, {
        TaskType: 3,
        CycleParam: { BeginTime: at(DAY * 3 + HOUR), IntervalTime: 1, TermCycle: 1 },
      }),
    );
    h.backend.advanceTime(2 * HOUR);
    await h.backend.runDue();
    h.backend.advanceTime(HOUR);
    await h.backend.runDue();
    expect(await task(once['TaskId'])).toMatchObject({ TaskStatus: 10, SendCount: 3 });
  });

  it('fails a task (status 7, ErrMsg) whose template or sender went away before it ran', async () => {
    const group = await createGroup(h, addresses(3));
    const later = { TaskType: 2, TimedParam: { BeginTime: at(HOUR) } };
    const noTemplate = await h.call('BatchSendEmail', batch(group, later));
    await h.call('DeleteEmailTemplate', { TemplateID: templateId });
    h.backend.advanceTime(HOUR);
    await h.backend.runDue();
    expect(await task(noTemplate['TaskId'])).toMatchObject({
      TaskStatus: 7,
      SendCount: 0,
      ErrMsg: `The template ${templateId} no longer exists.`,
    });
    expect(h.outboxFiles()).toHaveLength(0);

    // Mid-run: a paused task whose sender, or whose recipient group, is deleted before it resumes.
    const removals: [(group: number) => Promise<unknown>, string][] = [
      [
        () => h.call('DeleteEmailAddress', { EmailAddress: SENDER }),
        `The sender address ${SENDER} no longer exists.`,
      ],
      [(group) => h.call('DeleteReceiver', { ReceiverId: group }), 'The recipient group no longer exists.'],
    ];
    for (const [remove, reason] of removals) {
      await h.cleanup();
      h = createHarness();
      templateId = await setupSender(h);
      const group = await createGroup(h, addresses(520));
      const paused = await h.call('BatchSendEmail', batch(group));
      await h.backend.runDue();
      expect(await task(paused['TaskId'])).toMatchObject({ TaskStatus: 6, CacheCount: 20 });
      await remove(group);
      h.backend.advanceTime(DAY);
      await h.backend.runDue();
      expect(await task(paused['TaskId'])).toMatchObject({
        TaskStatus: 7,
        SendCount: 500,
        CacheCount: 20,
        ErrMsg: reason,
      });
    }
  });

  it('skips the cycles that came due while a recurring run was paused by the warm-up', async () => {
    await h.cleanup();
    h = createHarness({
      warmupPlan: {
        days: [
          { day: 1, limit: 5 },
          { day: 2, limit: 10 },
        ],
      },
    });
    templateId = await setupSender(h);
    const group = await createGroup(h, addresses(8));
    const { TaskId } = await h.call(
      'BatchSendEmail',
      batch(group, { TaskType: 3, CycleParam: { BeginTime: at(HOUR), IntervalTime: 5 } }),
    );
    h.backend.advanceTime(HOUR);
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 6, SendCount: 5, CacheCount: 3 });
    // The run resumes a day later and ends; the cycles of the day in between are skipped.
    h.backend.advanceTime(DAY);
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 1, SendCount: 8, RequestCount: 8 });
    h.backend.advanceTime(60_000);
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 1, RequestCount: 8 });
    // The next cycle on the task's grid (begin + 5 h × k) after the run ended: 4 h later.
    h.backend.advanceTime(4 * HOUR - 60_000);
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ RequestCount: 16 });
  });

  it('close() during a batch lets the chunk in hand finish, and a reopened backend sends the rest', async () => {
    const group = await createGroup(h, addresses(3000));
    const { TaskId } = await h.call('BatchSendEmail', batch(group));
    let closing: Promise<void> | undefined;
    h.backend.onEvent(() => {
      closing ??= h.backend.close();
    });
    const report = await h.backend.runDue();
    await closing;
    expect(report.emailsSent).toBeGreaterThan(0);
    expect(report.emailsSent).toBeLessThan(3000);
    // Nothing is left claimed by the closed backend: the same process picks the rest up at once.
    h = createHarness({ warmup: false }, h.dir);
    await h.backend.runDue();
    expect(await task(TaskId)).toMatchObject({ TaskStatus: 10, SendCount: 3000 });
    expect(h.outboxFiles()).toHaveLength(3000);
  });

  it('lists tasks newest first with filters', async () => {
    const group = await createGroup(h, addresses(2));
    const first = await h.call('BatchSendEmail', batch(group));
    const second = await h.call(
      'BatchSendEmail',
      batch(group, { TaskType: 2, TimedParam: { BeginTime: at(DAY) } }),
    );
    await h.backend.runDue();
    const all = await tasks();
    expect(all.TotalCount).toBe(2);
    expect(all.Data.map((t) => t['TaskId'])).toEqual([second['TaskId'], first['TaskId']]);
    expect((await tasks({ TaskType: 2 })).Data.map((t) => t['TaskId'])).toEqual([second['TaskId']]);
    expect((await tasks({ Status: 10 })).Data.map((t) => t['TaskId'])).toEqual([first['TaskId']]);
    expect((await tasks({ ReceiverId: group + 1 })).TotalCount).toBe(0);
    expect(all.Data[1]).toMatchObject({
      FromEmailAddress: `News <${SENDER}>`,
      ReceiversName: 'group',
      CacheCount: 0,
    });
  });
});

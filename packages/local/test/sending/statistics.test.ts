import { afterEach, expect, it } from 'vitest';
import {
  createHarness,
  DAY,
  DOMAIN,
  type Harness,
  SENDER,
  START,
  setupSender,
  shanghaiDate,
} from './harness.js';

let h: Harness;
afterEach(async () => {
  await h.cleanup();
});

it('reports one Volume per day plus the total, filtered by sender and recipient domain', async () => {
  h = createHarness();
  const templateId = await setupSender(h);
  const send = (to: string[]) =>
    h.call('SendEmail', {
      FromEmailAddress: SENDER,
      Destination: to,
      Subject: 'S',
      Template: { TemplateID: templateId, TemplateData: '{"name":"n"}' },
    });
  await send(['a@gmail.com', 'b@gmail.com']);
  await send(['open@simulator.test']);
  h.backend.advanceTime(2 * DAY);
  await send(['c@gmail.com']);
  await h.call('CreateCustomBlacklist', { Emails: ['x@gmail.com'] });
  await send(['x@gmail.com', 'd@qq.com']);

  const start = shanghaiDate(START);
  const end = shanghaiDate(START + 2 * DAY);
  const report = await h.call('GetStatisticsReport', { StartDate: start, EndDate: end });
  const daily = report['DailyVolumes'] as Record<string, unknown>[];
  expect(
    daily.map((d) => [d['SendDate'], d['RequestCount'], d['AcceptedCount'], d['DeliveredCount']]),
  ).toEqual([
    [start, 3, 3, 3],
    [shanghaiDate(START + DAY), 0, 0, 0],
    [end, 3, 2, 2],
  ]);
  expect(report['OverallVolume']).toMatchObject({ RequestCount: 6, AcceptedCount: 5, OpenedCount: 1 });

  const gmail = await h.call('GetStatisticsReport', {
    StartDate: start,
    EndDate: end,
    ReceivingMailboxType: 'gmail.com',
  });
  expect(gmail['OverallVolume']).toMatchObject({ RequestCount: 4, AcceptedCount: 3, DeliveredCount: 3 });
  const other = await h.call('GetStatisticsReport', {
    StartDate: start,
    EndDate: end,
    Domain: 'other.example',
  });
  expect(other['OverallVolume']).toMatchObject({ RequestCount: 0 });
  const mine = await h.call('GetStatisticsReport', { StartDate: start, EndDate: end, Domain: DOMAIN });
  expect(mine['OverallVolume']).toMatchObject({ RequestCount: 6 });
  expect((await h.fail('GetStatisticsReport', { StartDate: end, EndDate: start })).code).toBe(
    'InvalidParameterValue.WrongDate',
  );
});

it('refuses a range of centuries by arithmetic and counts early years correctly', async () => {
  h = createHarness();
  // Listing these days first took seconds and then failed with an InternalError past year 9999.
  const error = await h.fail('GetStatisticsReport', { StartDate: '1000-01-01', EndDate: '9999-12-31' });
  expect(error.code).toBe('InvalidParameterValue.WrongDate');
  const early = await h.call('GetStatisticsReport', { StartDate: '0050-01-01', EndDate: '0050-01-03' });
  expect((early['DailyVolumes'] as Record<string, unknown>[]).map((d) => d['SendDate'])).toEqual([
    '0050-01-01',
    '0050-01-02',
    '0050-01-03',
  ]);
});

it('answers for the last days of 9999 (the day after has no four-digit year)', async () => {
  h = createHarness();
  const report = await h.call('GetStatisticsReport', { StartDate: '9999-12-30', EndDate: '9999-12-31' });
  expect((report['DailyVolumes'] as Record<string, unknown>[]).map((d) => d['SendDate'])).toEqual([
    '9999-12-30',
    '9999-12-31',
  ]);
  const blacklist = await h.call('ListBlackEmailAddress', {
    StartDate: '2020-01-01',
    EndDate: '9999-12-31',
    Limit: 10,
    Offset: 0,
  });
  expect(blacklist['TotalCount']).toBe(0);
  const reports = await h.call('GetAbuseReport', {
    StartTime: '2020-01-01 00:00:00',
    EndTime: '9999-12-31 23:59:59',
    Limit: 10,
    Offset: 0,
  });
  expect(reports['Total'] ?? reports['TotalCount'] ?? 0).toBe(0);
});

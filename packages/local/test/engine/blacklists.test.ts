import { afterEach, describe, expect, it } from 'vitest';
import { addAbuseReport, addBounceBlacklist, isCustomBlacklisted } from '../../src/engine/lookups.js';
import { openDatabase } from '../../src/store/database.js';
import { codeOf, setup, T0, withSender } from './helpers.js';

let env: ReturnType<typeof setup>;
afterEach(async () => env.teardown());

const DAY = 86_400_000;

/** Writes through a second connection, as the sending engine of another process would. */
function withDb(fn: (db: ReturnType<typeof openDatabase>) => void) {
  const db = openDatabase(env.dir);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

describe('bounce blacklist', () => {
  it('lists by bounce date in the service time zone and deletes on request', async () => {
    env = setup();
    withDb((db) => {
      addBounceBlacklist(db, 'Gone@example.com', '551 5.1.1 recipient is not exist', T0);
      addBounceBlacklist(db, 'old@example.com', '550 no such user', T0 - 3 * DAY);
    });
    const list = await env.ses.invoke('ListBlackEmailAddress', {
      StartDate: '2024-06-03',
      EndDate: '2024-06-03',
      Limit: 10,
      Offset: 0,
    });
    expect(list.TotalCount).toBe(1);
    expect(list.BlackList).toEqual([
      {
        BounceTime: '2024-06-03 10:00:00',
        EmailAddress: 'gone@example.com',
        IspDesc: '551 5.1.1 recipient is not exist',
      },
    ]);
    const wide = { StartDate: '2024-05-01', EndDate: '2024-06-30', Limit: 10, Offset: 0 };
    expect((await env.ses.invoke('ListBlackEmailAddress', wide)).TotalCount).toBe(2);
    await env.ses.invoke('DeleteBlackList', { EmailAddressList: ['gone@example.com'] });
    expect(
      (await env.ses.invoke('ListBlackEmailAddress', wide)).BlackList?.map((b) => b.EmailAddress),
    ).toEqual(['old@example.com']);
    expect(await codeOf(env.invoke('ListBlackEmailAddress', { ...wide, StartDate: '2024-13-01' }))).toBe(
      'InvalidParameterValue.WrongDate',
    );
    expect(await codeOf(env.invoke('ListBlackEmailAddress', { ...wide, EndDate: '2024-04-01' }))).toBe(
      'InvalidParameterValue.WrongDate',
    );
  });
});

describe('custom blacklist', () => {
  it('counts created addresses and evaluates expiry against emulated time', async () => {
    env = setup();
    const counts = await env.ses.invoke('CreateCustomBlacklist', {
      Emails: ['a@example.com', 'a@example.com', 'bad', `${'x'.repeat(260)}@example.com`],
      ExpireDate: '2024-06-05',
    });
    expect(counts).toMatchObject({
      TotalCount: 4,
      ValidCount: 1,
      TooLongCount: 1,
      RepeatCount: 1,
      InvalidCount: 1,
    });
    await env.ses.invoke('CreateCustomBlacklist', { Emails: ['forever@example.com'] });
    const active = await env.ses.invoke('ListCustomBlacklist', { Offset: 0, Limit: 10, Status: 1 });
    expect(active.TotalCount).toBe(2);
    env.backend.advanceTime(3 * DAY);
    const expired = await env.ses.invoke('ListCustomBlacklist', { Offset: 0, Limit: 10, Status: 0 });
    expect(expired.Data?.map((d) => [d.Email, d.ExpireDate, d.Status])).toEqual([
      ['a@example.com', '2024-06-05', 0],
    ]);
    withDb((db) => {
      expect(isCustomBlacklisted(db, 'A@example.com', env.backend.now(), 'Asia/Shanghai')).toBe(false);
      expect(isCustomBlacklisted(db, 'forever@example.com', env.backend.now(), 'Asia/Shanghai')).toBe(true);
    });
    // Adding an expired address again blocks it again, under its old Id, with the new expiry.
    const again = await env.ses.invoke('CreateCustomBlacklist', {
      Emails: ['a@example.com', 'forever@example.com'],
      ExpireDate: '2024-06-30',
    });
    expect(again).toMatchObject({ ValidCount: 1, RepeatCount: 1 });
    const renewed = await env.ses.invoke('ListCustomBlacklist', {
      Offset: 0,
      Limit: 10,
      Status: 1,
      Email: 'a@example.com',
    });
    expect(renewed.Data?.map((d) => [d.Id, d.ExpireDate, d.Status])).toEqual([
      [expired.Data?.[0]?.Id, '2024-06-30', 1],
    ]);
    env.backend.advanceTime(30 * DAY);
    const id = expired.Data?.[0]?.Id ?? 0;
    expect(
      await codeOf(
        env.invoke('UpdateCustomBlackList', { Id: id, Email: 'a@example.com', ExpireDate: '2024-06-01' }),
      ),
    ).toBe('InvalidParameterValue.WrongDate');
    await env.ses.invoke('UpdateCustomBlackList', { Id: id, Email: 'b@example.com', ExpireDate: '' });
    const all = await env.ses.invoke('ListCustomBlacklist', { Offset: 0, Limit: 10, Status: 2 });
    expect(all.Data?.map((d) => [d.Email, d.Status]).sort()).toEqual([
      ['b@example.com', 1],
      ['forever@example.com', 1],
    ]);
    await env.ses.invoke('DeleteCustomBlackList', { Emails: ['b@example.com'] });
    expect(
      (await env.ses.invoke('ListCustomBlacklist', { Offset: 0, Limit: 10, Status: 2 })).TotalCount,
    ).toBe(1);
    expect(await codeOf(env.invoke('ListCustomBlacklist', { Offset: 0, Limit: 500, Status: 2 }))).toBe(
      'FailedOperation.InvalidLimit',
    );
  });
});

describe('address unsubscribe configuration', () => {
  it('creates, lists with a string Limit, updates and deletes per sender', async () => {
    env = setup();
    const sender = await withSender(env.backend);
    expect(
      await codeOf(
        env.invoke('CreateAddressUnsubscribeConfig', {
          Address: 'x@mail.example.com',
          UnsubscribeConfig: '1',
          Status: 1,
        }),
      ),
    ).toBe('InvalidParameterValue.NoSuchSender');
    await env.ses.invoke('CreateAddressUnsubscribeConfig', {
      Address: sender,
      UnsubscribeConfig: '2',
      Status: 1,
    });
    await env.ses.invoke('UpdateAddressUnsubscribeConfig', {
      Address: sender,
      UnsubscribeConfig: '3',
      Status: 0,
    });
    const list = await env.ses.invoke('ListAddressUnsubscribeConfig', { Offset: 0, Limit: '10' });
    expect(list).toMatchObject({
      Total: 1,
      AddressUnsubscribeConfigList: [{ Address: sender, UnsubscribeConfig: '3', Status: 0 }],
    });
    expect(await codeOf(env.invoke('ListAddressUnsubscribeConfig', { Limit: 10 }))).toBe('InvalidParameter');
    expect(await codeOf(env.invoke('ListAddressUnsubscribeConfig', { Limit: '101' }))).toBe(
      'FailedOperation.InvalidLimit',
    );
    // A required fixed-value field left out is missing, not invalid.
    expect(
      await codeOf(env.invoke('CreateAddressUnsubscribeConfig', { Address: sender, UnsubscribeConfig: '1' })),
    ).toBe('MissingParameter');
    expect(await codeOf(env.invoke('ListCustomBlacklist', { Offset: 0, Limit: 10 }))).toBe(
      'MissingParameter',
    );
    await env.ses.invoke('DeleteAddressUnsubscribeConfig', { Address: sender });
    expect((await env.ses.invoke('ListAddressUnsubscribeConfig', {})).Total).toBe(0);
  });
});

describe('abuse reports', () => {
  it('lists complaints by date range and filters, newest first', async () => {
    env = setup();
    withDb((db) => {
      addAbuseReport(db, {
        from: 'news@mail.example.com',
        to: 'x@qq.com',
        complainTime: T0,
        templateId: 10001,
        subject: 'Hi',
      });
      addAbuseReport(db, { from: 'news@mail.example.com', to: 'y@gmail.com', complainTime: T0 - 10 * DAY });
    });
    const today = await env.ses.invoke('GetAbuseReport', { StartTime: '2024-06-03', EndTime: '2024-06-03' });
    expect(today.TotalCount).toBe(1);
    expect(today.Data?.[0]).toMatchObject({
      OriginalRcptTo: 'x@qq.com',
      Mta: 'qq.com',
      FromDomain: 'mail.example.com',
      TemplateId: '10001',
      ComplainTime: '2024-06-03 10:00:00',
    });
    const range = { StartTime: '2024-05-01', EndTime: '2024-06-30' };
    expect((await env.ses.invoke('GetAbuseReport', range)).TotalCount).toBe(2);
    expect(
      (await env.ses.invoke('GetAbuseReport', { ...range, Mta: 'gmail.com' })).Data?.map(
        (d) => d.OriginalRcptTo,
      ),
    ).toEqual(['y@gmail.com']);
    expect(
      await codeOf(env.invoke('GetAbuseReport', { StartTime: 'yesterday', EndTime: '2024-06-30' })),
    ).toBe('InvalidParameter.InvalidStartTimeFormat');
    expect(await codeOf(env.invoke('GetAbuseReport', { ...range, Limit: 1001 }))).toBe(
      'FailedOperation.InvalidLimit',
    );
  });
});

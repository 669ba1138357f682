import { calendarDate, OperationFailedError } from '@ses-cli/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, setup, T0 } from './helpers.js';

let env: ReturnType<typeof setup>;
afterEach(async () => env.teardown());

async function group(name = 'list'): Promise<number> {
  const out = await env.invoke('CreateReceiver', { ReceiversName: name, Desc: 'test list' });
  return out['ReceiverId'] as number;
}

describe("times through the SDK in the backend's own time zone", () => {
  it.each(['Asia/Shanghai', 'UTC', 'America/New_York'])(
    'reads CreateTime and writes dates in %s',
    async (timeZone) => {
      env = setup({ timeZone });
      const { id } = await env.ses.recipientGroups.create({ name: 'zoned' });
      const created = await env.ses.recipientGroups.get(id);
      expect(created.createdAt?.getTime()).toBe(T0);
      // A date filter given as a Date is the calendar day of that instant in the backend's zone.
      expect(
        (await env.ses.statistics.get({ startDate: new Date(T0), endDate: new Date(T0) })).daily.map(
          (d) => d.date,
        ),
      ).toEqual([calendarDate(new Date(T0), timeZone)]);
    },
  );
});

describe('recipient groups', () => {
  it('uploads asynchronously: 1 → 2 (ReceiverIsOperating) → 3 after runDue, no de-dup', async () => {
    env = setup();
    const id = await group();
    const status = async () =>
      ((await env.ses.invoke('ListReceivers', { Offset: 0, Limit: 10 })).Data ?? [])[0]?.ReceiversStatus;
    expect(await status()).toBe(1);
    const counts = await env.ses.invoke('CreateReceiverDetail', {
      ReceiverId: id,
      Emails: ['a@example.com', 'A@example.com', '', 'bad-address', `${'x'.repeat(250)}@example.com`],
    });
    expect(counts).toMatchObject({
      TotalCount: 5,
      ValidCount: 2,
      EmptyEmailCount: 1,
      TooLongCount: 1,
      RepeatCount: 1,
    });
    expect(await status()).toBe(2);
    const busy = await env.ses
      .invoke('CreateReceiverDetail', { ReceiverId: id, Emails: ['c@example.com'] })
      .catch((e) => e);
    expect(busy).toBeInstanceOf(OperationFailedError);
    expect(busy.code).toBe('OperationDenied.ReceiverIsOperating');
    // Nothing is visible before the upload is processed.
    expect(
      (await env.ses.invoke('ListReceiverDetails', { ReceiverId: id, Offset: 0, Limit: 10 })).TotalCount,
    ).toBe(0);
    expect((await env.backend.runDue()).uploads).toBe(1);
    expect(await status()).toBe(3);
    const details = await env.ses.invoke('ListReceiverDetails', { ReceiverId: id, Offset: 0, Limit: 10 });
    expect(details).toMatchObject({ TotalCount: 3, ValidCount: 2, InvalidCount: 1 });
    expect(details.Data?.map((d) => [d.Email, d.Status])).toEqual([
      ['a@example.com', 1],
      ['A@example.com', 1],
      ['bad-address', 2],
    ]);
    expect(details.Data?.[2]?.Reason).not.toBe('');
    const invalidOnly = await env.ses.invoke('ListReceiverDetails', {
      ReceiverId: id,
      Offset: 0,
      Limit: 10,
      Status: 2,
    });
    expect(invalidOnly.TotalCount).toBe(1);
    const byEmail = await env.ses.invoke('ListReceiverDetails', {
      ReceiverId: id,
      Offset: 0,
      Limit: 10,
      Email: 'bad',
    });
    expect(byEmail.Data?.map((d) => d.Email)).toEqual(['bad-address']);
  });

  it('checks TemplateData: HTML, size, and variable names consistent with the first upload', async () => {
    env = setup();
    const id = await group();
    const upload = (datas: { Email: string; TemplateData: string }[]) =>
      env.invoke('CreateReceiverDetailWithData', { ReceiverId: id, Datas: datas });
    expect(await codeOf(upload([{ Email: 'a@example.com', TemplateData: '{"name":"<b>x</b>"}' }]))).toBe(
      'InvalidParameterValue.InValidTemplateData',
    );
    expect(
      await codeOf(
        upload([{ Email: 'a@example.com', TemplateData: JSON.stringify({ n: 'x'.repeat(800) }) }]),
      ),
    ).toBe('InvalidParameterValue.TemplateDataLenLimit');
    expect(
      await codeOf(
        upload([
          { Email: 'a@example.com', TemplateData: '{"name":"A"}' },
          { Email: 'b@example.com', TemplateData: '{"nick":"B"}' },
        ]),
      ),
    ).toBe('InvalidParameterValue.TemplateDataInconsistent');
    await upload([{ Email: 'a@example.com', TemplateData: '{"name":"A","code":"1"}' }]);
    await env.backend.runDue();
    expect(await codeOf(upload([{ Email: 'b@example.com', TemplateData: '{"name":"B"}' }]))).toBe(
      'InvalidParameterValue.TemplateDataInconsistent',
    );
    await upload([{ Email: 'b@example.com', TemplateData: '{"code":"2","name":"B"}' }]);
    await env.backend.runDue();
    const details = await env.ses.invoke('ListReceiverDetails', { ReceiverId: id, Offset: 0, Limit: 10 });
    expect(details.Data?.map((d) => d.TemplateData)).toEqual([
      '{"name":"A","code":"1"}',
      '{"code":"2","name":"B"}',
    ]);
    // Rows without data do not join rows with data, nor the other way round.
    expect(
      await codeOf(env.invoke('CreateReceiverDetail', { ReceiverId: id, Emails: ['c@example.com'] })),
    ).toBe('InvalidParameterValue.TemplateDataInconsistent');
    const plain = await group('plain');
    await env.invoke('CreateReceiverDetail', { ReceiverId: plain, Emails: ['d@example.com'] });
    await env.backend.runDue();
    expect(
      await codeOf(
        env.invoke('CreateReceiverDetailWithData', {
          ReceiverId: plain,
          Datas: [{ Email: 'e@example.com', TemplateData: '{"name":"E"}' }],
        }),
      ),
    ).toBe('InvalidParameterValue.TemplateDataInconsistent');
    // A number JSON can write but not hold (1e400 is Infinity) is refused, not dropped later.
    const numbers = await group('numbers');
    const numberUpload = (text: string) =>
      env.invoke('CreateReceiverDetailWithData', {
        ReceiverId: numbers,
        Datas: [{ Email: 'f@example.com', TemplateData: text }],
      });
    expect(await codeOf(numberUpload('{"n":1e400}'))).toBe('InvalidParameterValue.TemplateDataError');
    await numberUpload('{"n":12.5}');
  });

  it('enforces names, the per-call and per-group caps, filters, and deletes details with the group', async () => {
    env = setup();
    const id = await group('newsletter');
    await group('other');
    expect(await codeOf(env.invoke('CreateReceiver', { ReceiversName: 'newsletter' }))).toBe(
      'InvalidParameterValue.RepeatReceiverName',
    );
    expect(await codeOf(env.invoke('CreateReceiver', { ReceiversName: 'x', Desc: '<script>' }))).toBe(
      'InvalidParameterValue.ReceiverDescIllegal',
    );
    const tooMany = Array.from({ length: 20_001 }, (_, i) => `u${i}@example.com`);
    expect(await codeOf(env.invoke('CreateReceiverDetail', { ReceiverId: id, Emails: tooMany }))).toBe(
      'LimitExceeded.ReceiverDetailRequestLimit',
    );
    for (let batch = 0; batch < 2; batch++) {
      const emails = Array.from({ length: 20_000 }, (_, i) => `u${batch}-${i}@example.com`);
      await env.invoke('CreateReceiverDetail', { ReceiverId: id, Emails: emails });
      await env.backend.runDue();
    }
    const over = Array.from({ length: 10_001 }, (_, i) => `v${i}@example.com`);
    expect(await codeOf(env.invoke('CreateReceiverDetail', { ReceiverId: id, Emails: over }))).toBe(
      'LimitExceeded.ReceiverDetailCountLimit',
    );
    const byKeyword = await env.ses.invoke('ListReceivers', { Offset: 0, Limit: 10, KeyWord: 'news' });
    expect(byKeyword.Data?.map((d) => [d.ReceiversName, d.Count, d.ReceiversStatus])).toEqual([
      ['newsletter', 40_000, 3],
    ]);
    expect((await env.ses.invoke('ListReceivers', { Offset: 0, Limit: 10, Status: 1 })).TotalCount).toBe(1);
    await env.ses.invoke('DeleteReceiver', { ReceiverId: id });
    expect(await codeOf(env.invoke('ListReceiverDetails', { ReceiverId: id, Offset: 0, Limit: 1 }))).toBe(
      'OperationDenied.ReceiverNotExist',
    );
    expect(await codeOf(env.invoke('DeleteReceiver', {}))).toBe('MissingParameter.ReceiverIdNecessary');
  });
});

import { describe, expect, it } from 'vitest';
import { empty, recordingClient } from './recording-backend.js';

describe('ses.blacklist', () => {
  it('list maps the day range and bounced addresses', async () => {
    const { ses, backend } = recordingClient({
      ListBlackEmailAddress: () => ({
        TotalCount: 1,
        BlackList: [
          {
            EmailAddress: 'gone@example.com',
            BounceTime: '2026-06-01 12:00:00',
            IspDesc: '550 no such user',
          },
        ],
      }),
    });
    const page = await ses.blacklist.list({
      startDate: '2026-06-01',
      endDate: '2026-06-02',
      email: 'gone@',
      limit: 20,
    });
    expect(backend.sent('ListBlackEmailAddress')).toEqual([
      { StartDate: '2026-06-01', EndDate: '2026-06-02', EmailAddress: 'gone@', Offset: 0, Limit: 20 },
    ]);
    expect(page.items).toEqual([
      { email: 'gone@example.com', bouncedAt: new Date('2026-06-01T04:00:00Z'), reason: '550 no such user' },
    ]);
  });

  it('remove sends the address list', async () => {
    const { ses, backend } = recordingClient({ DeleteBlackList: empty });
    await ses.blacklist.remove(['a@example.com', 'b@example.com']);
    expect(backend.sent('DeleteBlackList')).toEqual([
      { EmailAddressList: ['a@example.com', 'b@example.com'] },
    ]);
  });
});

describe('ses.customBlacklist', () => {
  it('add maps the expiry and returns the counters', async () => {
    const { ses, backend } = recordingClient({
      CreateCustomBlacklist: () => ({
        TotalCount: 2,
        ValidCount: 1,
        TooLongCount: 0,
        RepeatCount: 0,
        InvalidCount: 1,
      }),
    });
    const result = await ses.customBlacklist.add(['a@example.com', 'bad'], { expiresOn: '2026-12-31' });
    expect(backend.sent('CreateCustomBlacklist')).toEqual([
      { Emails: ['a@example.com', 'bad'], ExpireDate: '2026-12-31' },
    ]);
    expect(result).toEqual({
      totalCount: 2,
      validCount: 1,
      tooLongCount: 0,
      repeatCount: 0,
      invalidCount: 1,
      requestId: 'req-1',
    });
  });

  it('list defaults to all statuses and maps entries', async () => {
    const { ses, backend } = recordingClient({
      ListCustomBlacklist: () => ({
        TotalCount: 1,
        Data: [
          { Id: 3, Email: 'a@example.com', CreateTime: '2026-06-01 08:00:00', ExpireDate: '', Status: 1 },
        ],
      }),
    });
    const page = await ses.customBlacklist.list();
    await ses.customBlacklist.list({ status: 'expired', email: 'a@' });
    expect(backend.sent('ListCustomBlacklist')).toEqual([
      { Status: 2, Offset: 0, Limit: 100 },
      { Status: 0, Email: 'a@', Offset: 0, Limit: 100 },
    ]);
    expect(page.items).toEqual([
      {
        id: 3,
        email: 'a@example.com',
        createdAt: new Date('2026-06-01T00:00:00Z'),
        expiresOn: undefined,
        status: 'active',
        statusCode: 1,
      },
    ]);
  });

  it('update maps a null expiry to "never", and remove sends the emails', async () => {
    const { ses, backend } = recordingClient({ UpdateCustomBlackList: empty, DeleteCustomBlackList: empty });
    await ses.customBlacklist.update(3, { email: 'b@example.com', expiresOn: null });
    await ses.customBlacklist.update(3, {
      email: 'b@example.com',
      expiresOn: new Date('2026-12-31T20:00:00Z'),
    });
    await ses.customBlacklist.remove(['b@example.com']);
    expect(backend.calls.map((c) => c.payload)).toEqual([
      { Id: 3, Email: 'b@example.com', ExpireDate: '' },
      { Id: 3, Email: 'b@example.com', ExpireDate: '2027-01-01' },
      { Emails: ['b@example.com'] },
    ]);
  });

  it('an empty address list is rejected with the camelCase field name', async () => {
    const { ses, backend } = recordingClient({ DeleteCustomBlackList: empty });
    await expect(ses.customBlacklist.remove([])).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'emails',
    });
    expect(backend.calls).toEqual([]);
  });
});

describe('ses.unsubscribeConfigs', () => {
  it('create/update map the language name to the China-site code and enabled to Status', async () => {
    const { ses, backend } = recordingClient({
      CreateAddressUnsubscribeConfig: empty,
      UpdateAddressUnsubscribeConfig: empty,
      DeleteAddressUnsubscribeConfig: empty,
    });
    await ses.unsubscribeConfigs.create({ address: 'news@mail.acme.com', language: 'zh-CN' });
    await ses.unsubscribeConfigs.update({ address: 'news@mail.acme.com', language: 'en', enabled: false });
    await ses.unsubscribeConfigs.delete('news@mail.acme.com');
    expect(backend.calls).toEqual([
      {
        action: 'CreateAddressUnsubscribeConfig',
        payload: { Address: 'news@mail.acme.com', UnsubscribeConfig: '1', Status: 1 },
      },
      {
        action: 'UpdateAddressUnsubscribeConfig',
        payload: { Address: 'news@mail.acme.com', UnsubscribeConfig: '2', Status: 0 },
      },
      { action: 'DeleteAddressUnsubscribeConfig', payload: { Address: 'news@mail.acme.com' } },
    ]);
  });

  it('rejects a language the address-level config does not support, naming `language`', async () => {
    const { ses, backend } = recordingClient({ CreateAddressUnsubscribeConfig: empty });
    const create = ses.unsubscribeConfigs.create({ address: 'news@mail.acme.com', language: 'vi' as 'en' });
    await expect(create).rejects.toMatchObject({ name: 'ValidationError', field: 'language' });
    expect(backend.calls).toEqual([]);
  });

  it('list sends Limit as a string and maps codes back to names with the raw code', async () => {
    const { ses, backend } = recordingClient({
      ListAddressUnsubscribeConfig: () => ({
        Total: 2,
        AddressUnsubscribeConfigList: [
          { Address: 'a@mail.acme.com', UnsubscribeConfig: '7', Status: 1 },
          { Address: 'b@mail.acme.com', UnsubscribeConfig: '99', Status: 0 },
        ],
      }),
    });
    const page = await ses.unsubscribeConfigs.list({ limit: 10 });
    expect(backend.sent('ListAddressUnsubscribeConfig')).toEqual([{ Offset: 0, Limit: '10' }]);
    expect(page.items).toEqual([
      { address: 'a@mail.acme.com', language: 'ja', languageCode: '7', enabled: true },
      { address: 'b@mail.acme.com', language: 'unknown', languageCode: '99', enabled: false },
    ]);
  });
});

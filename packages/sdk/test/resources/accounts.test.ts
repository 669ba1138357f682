import { describe, expect, it } from 'vitest';
import { empty, recordingClient } from './recording-backend.js';

const detail = {
  IdentityType: 'DOMAIN',
  VerifiedForSendingStatus: false,
  DKIMOption: 1,
  Attributes: [
    {
      Type: 'TXT',
      SendDomain: 'mail.acme.com',
      ExpectedValue: 'v=spf1 include:qcloudmail.com ~all',
      CurrentValue: '',
      Status: false,
    },
  ],
  TagList: [{ TagKey: 'team', TagValue: 'growth' }],
};

const verification = {
  domain: 'mail.acme.com',
  type: 'DOMAIN',
  verified: false,
  dnsRecords: [
    {
      type: 'TXT',
      name: 'mail.acme.com',
      expectedValue: 'v=spf1 include:qcloudmail.com ~all',
      currentValue: '',
      verified: false,
    },
  ],
  dkim: 'rsa-2048',
  dkimCode: 1,
  tags: [{ key: 'team', value: 'growth' }],
};

describe('ses.identities', () => {
  it('create maps DKIM and tags and returns the records to create', async () => {
    const { ses, backend } = recordingClient({ CreateEmailIdentity: () => detail });
    const result = await ses.identities.create('mail.acme.com', {
      dkim: 'rsa-2048',
      tags: [{ key: 'team', value: 'growth' }],
    });
    expect(backend.sent('CreateEmailIdentity')).toEqual([
      { EmailIdentity: 'mail.acme.com', DKIMOption: 1, TagList: [{ TagKey: 'team', TagValue: 'growth' }] },
    ]);
    expect(result).toEqual({ ...verification, requestId: 'req-1' });
  });

  it('create returns the tags it was given, since the answer lists none', async () => {
    const { TagList: _none, ...answer } = detail;
    const { ses } = recordingClient({ CreateEmailIdentity: () => answer });
    const result = await ses.identities.create('mail.acme.com', { tags: [{ key: 'team', value: 'growth' }] });
    expect(result.tags).toEqual([{ key: 'team', value: 'growth' }]);
  });

  it('get, verify and delete send the domain', async () => {
    const { ses, backend } = recordingClient({
      GetEmailIdentity: () => detail,
      UpdateEmailIdentity: () => ({ ...detail, VerifiedForSendingStatus: true, DKIMOption: 2 }),
      DeleteEmailIdentity: empty,
    });
    expect(await ses.identities.get('mail.acme.com')).toEqual(verification);
    expect(await ses.identities.verify('mail.acme.com', { dkim: 'dual' })).toMatchObject({
      verified: true,
      dkim: 'dual',
      dkimCode: 2,
      requestId: 'req-2',
    });
    await ses.identities.delete('mail.acme.com');
    expect(backend.calls).toEqual([
      { action: 'GetEmailIdentity', payload: { EmailIdentity: 'mail.acme.com' } },
      { action: 'UpdateEmailIdentity', payload: { EmailIdentity: 'mail.acme.com', DKIMOption: 2 } },
      { action: 'DeleteEmailIdentity', payload: { EmailIdentity: 'mail.acme.com' } },
    ]);
  });

  it('list maps identities and carries the account reputation figures', async () => {
    const { ses, backend } = recordingClient({
      ListEmailIdentities: () => ({
        Total: 1,
        MaxReputationLevel: 10,
        MaxDailyQuota: 10000,
        EmailIdentities: [
          {
            IdentityName: 'mail.acme.com',
            IdentityType: 'DOMAIN',
            SendingEnabled: true,
            CurrentReputationLevel: 2,
            DailyQuota: 5000,
            SendIp: [],
            DKIMOption: 0,
          },
        ],
      }),
    });
    const page = await ses.identities.list({ tags: [{ key: 'k', value: 'v' }] });
    expect(backend.sent('ListEmailIdentities')).toEqual([
      { Offset: 0, Limit: 100, TagList: [{ TagKey: 'k', TagValue: 'v' }] },
    ]);
    expect(page.meta).toEqual({ maxReputationLevel: 10, maxDailyQuota: 10000 });
    expect(page.items).toEqual([
      {
        domain: 'mail.acme.com',
        type: 'DOMAIN',
        verified: true,
        reputationLevel: 2,
        dailyQuota: 5000,
        sendIps: [],
        dkim: 'rsa-1024',
        dkimCode: 0,
        tags: [],
      },
    ]);
  });
});

describe('ses.senders', () => {
  it('create, delete and setSmtpPassword map to the wire', async () => {
    const { ses, backend } = recordingClient({
      CreateEmailAddress: empty,
      DeleteEmailAddress: empty,
      UpdateEmailSmtpPassWord: empty,
    });
    await ses.senders.create({ address: 'noreply@mail.acme.com', name: 'Acme' });
    await ses.senders.setSmtpPassword('noreply@mail.acme.com', 'Abcdef12345');
    await ses.senders.delete('noreply@mail.acme.com');
    expect(backend.calls).toEqual([
      {
        action: 'CreateEmailAddress',
        payload: { EmailAddress: 'noreply@mail.acme.com', EmailSenderName: 'Acme' },
      },
      {
        action: 'UpdateEmailSmtpPassWord',
        payload: { EmailAddress: 'noreply@mail.acme.com', Password: 'Abcdef12345' },
      },
      { action: 'DeleteEmailAddress', payload: { EmailAddress: 'noreply@mail.acme.com' } },
    ]);
  });

  it('list is a single page of every sender', async () => {
    const { ses, backend } = recordingClient({
      ListEmailAddress: () => ({
        EmailSenders: [
          {
            EmailAddress: 'a@mail.acme.com',
            EmailSenderName: 'A',
            CreatedTimestamp: 1_700_000_000,
            SmtpPwdType: 1,
          },
          {
            EmailAddress: 'b@mail.acme.com',
            EmailSenderName: '',
            CreatedTimestamp: 1_700_000_001,
            SmtpPwdType: 0,
          },
        ],
      }),
    });
    const page = await ses.senders.list();
    expect(page.hasNextPage()).toBe(false);
    expect(page.totalCount).toBe(2);
    expect(page.items).toEqual([
      {
        address: 'a@mail.acme.com',
        name: 'A',
        createdAt: new Date(1_700_000_000_000),
        smtpPasswordSet: true,
      },
      {
        address: 'b@mail.acme.com',
        name: undefined,
        createdAt: new Date(1_700_000_001_000),
        smtpPasswordSet: false,
      },
    ]);
    const all: string[] = [];
    for await (const s of ses.senders.list()) all.push(s.address);
    expect(all).toEqual(['a@mail.acme.com', 'b@mail.acme.com']);
    expect(backend.sent('ListEmailAddress')).toEqual([{}, {}]);
  });

  it('an invalid sender address fails at the wire check, named in camelCase, before sending', async () => {
    const { ses, backend } = recordingClient({ CreateEmailAddress: empty });
    await expect(ses.senders.create({ address: 'nope' })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'address',
    });
    expect(backend.calls).toEqual([]);
  });
});

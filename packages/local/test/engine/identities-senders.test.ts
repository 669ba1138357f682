import { createPublicKey } from 'node:crypto';
import { NotFoundError, OperationFailedError, QuotaExceededError } from '@ses-cli/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { DnsResolver } from '../../src/index.js';
import { codeOf, setup } from './helpers.js';

let env: ReturnType<typeof setup>;
afterEach(async () => env.teardown());

describe('sender domains', () => {
  it('creates a domain with SPF, DKIM (real key), DMARC and MX records, auto-verified by default', async () => {
    env = setup();
    const out = await env.ses.invoke('CreateEmailIdentity', {
      EmailIdentity: 'Mail.Example.com',
      DKIMOption: 1,
    });
    expect(out.IdentityType).toBe('DOMAIN');
    expect(out.VerifiedForSendingStatus).toBe(true);
    expect(out.DKIMOption).toBe(1);
    const types = out.Attributes?.map((a) => `${a.Type} ${a.SendDomain}`);
    expect(types).toEqual([
      'TXT mail.example.com',
      'TXT qcloudgz2048._domainkey.mail.example.com',
      'TXT _dmarc.mail.example.com',
      'MX mail.example.com',
    ]);
    const dkim = out.Attributes?.[1]?.ExpectedValue ?? '';
    const p = /p=([A-Za-z0-9+/=]+)/.exec(dkim)?.[1] ?? '';
    const key = createPublicKey({ key: Buffer.from(p, 'base64'), format: 'der', type: 'spki' });
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(out.Attributes?.every((a) => a.Status === true)).toBe(true);
  });

  it('answers RepeatCreation, NotExistDomain, InvalidEmailIdentity and the 10-domain cap', async () => {
    env = setup();
    await env.invoke('CreateEmailIdentity', { EmailIdentity: 'a.example.com' });
    expect(await codeOf(env.invoke('CreateEmailIdentity', { EmailIdentity: 'A.example.com' }))).toBe(
      'InvalidParameterValue.RepeatCreation',
    );
    expect(await codeOf(env.invoke('CreateEmailIdentity', { EmailIdentity: 'not a domain' }))).toBe(
      'InvalidParameterValue.InvalidEmailIdentity',
    );
    await expect(
      env.ses.invoke('GetEmailIdentity', { EmailIdentity: 'zz.example.com' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    for (let i = 1; i < 10; i++)
      await env.invoke('CreateEmailIdentity', { EmailIdentity: `d${i}.example.com` });
    const error = await env.ses
      .invoke('CreateEmailIdentity', { EmailIdentity: 'eleven.example.com' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error.code).toBe('OperationDenied.ExceedDomainLimit');
    const list = await env.ses.invoke('ListEmailIdentities', { Limit: 3, Offset: 0 });
    expect(list.Total).toBe(10);
    expect(list.EmailIdentities).toHaveLength(3);
    expect(list.EmailIdentities?.[0]).toMatchObject({
      IdentityName: 'a.example.com',
      SendingEnabled: true,
      CurrentReputationLevel: 1,
      DailyQuota: 500,
    });
    expect(list.MaxDailyQuota).toBe(1_000_000);
  });

  it('reads a trailing dot alike in every action, and takes punycode top-level domains', async () => {
    env = setup();
    await env.invoke('CreateEmailIdentity', { EmailIdentity: 'mail.example.com.' });
    expect(await env.invoke('GetEmailIdentity', { EmailIdentity: 'Mail.Example.com.' })).toBeDefined();
    await env.invoke('UpdateEmailIdentity', { EmailIdentity: 'mail.example.com.' });
    await env.invoke('DeleteEmailIdentity', { EmailIdentity: 'mail.example.com.' });
    for (const domain of ['example.xn--p1ai', 'mail.xn--fiqs8s']) {
      await env.invoke('CreateEmailIdentity', { EmailIdentity: domain });
    }
    expect(await codeOf(env.invoke('CreateEmailIdentity', { EmailIdentity: 'example.x-n' }))).toBe(
      'InvalidParameterValue.InvalidEmailIdentity',
    );
  });

  it('without auto-verification, UpdateEmailIdentity re-checks DNS through the resolver', async () => {
    const txt = new Map<string, string[][]>();
    const resolver: DnsResolver = {
      resolveTxt: async (name) => txt.get(name) ?? [],
      resolveMx: async (name) =>
        name === 'mail.example.com' ? [{ exchange: 'mxbiz1.qq.com', priority: 5 }] : [],
    };
    env = setup({ autoVerifyDomains: false, dnsResolver: resolver });
    const created = await env.ses.invoke('CreateEmailIdentity', { EmailIdentity: 'mail.example.com' });
    expect(created.VerifiedForSendingStatus).toBe(false);
    expect(await codeOf(env.invoke('CreateEmailAddress', { EmailAddress: 'a@mail.example.com' }))).toBe(
      'OperationDenied.DomainNotVerified',
    );
    const half = await env.ses.invoke('UpdateEmailIdentity', { EmailIdentity: 'mail.example.com' });
    expect(half.VerifiedForSendingStatus).toBe(false);
    expect(half.Attributes?.find((a) => a.Type === 'MX')?.Status).toBe(true);
    for (const record of created.Attributes ?? []) {
      if (record.Type === 'TXT') txt.set(record.SendDomain ?? '', [[record.ExpectedValue ?? '']]);
    }
    const done = await env.ses.invoke('UpdateEmailIdentity', { EmailIdentity: 'mail.example.com' });
    expect(done.VerifiedForSendingStatus).toBe(true);
    await env.invoke('CreateEmailAddress', { EmailAddress: 'a@mail.example.com' });
  });

  it('refuses to delete a domain that still has senders', async () => {
    env = setup();
    await env.invoke('CreateEmailIdentity', { EmailIdentity: 'mail.example.com' });
    await env.invoke('CreateEmailAddress', { EmailAddress: 'a@mail.example.com' });
    const error = await env.ses
      .invoke('DeleteEmailIdentity', { EmailIdentity: 'mail.example.com' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OperationFailedError);
    expect(error.code).toBe('OperationDenied.SenderWithDomainIsNotEmpty');
    await env.invoke('CreateAddressUnsubscribeConfig', {
      Address: 'a@mail.example.com',
      UnsubscribeConfig: '2',
      Status: 1,
    });
    await env.invoke('DeleteEmailAddress', { EmailAddress: 'a@mail.example.com' });
    // The sender's unsubscribe setting is gone with it.
    expect(
      (await env.ses.invoke('ListAddressUnsubscribeConfig', { Offset: 0, Limit: '10' })).Total ?? 0,
    ).toBe(0);
    await env.invoke('DeleteEmailIdentity', { EmailIdentity: 'mail.example.com' });
    expect(await codeOf(env.invoke('GetEmailIdentity', { EmailIdentity: 'mail.example.com' }))).toBe(
      'InvalidParameterValue.NotExistDomain',
    );
  });
});

describe('sender addresses', () => {
  it('creates, lists, caps at 10, rejects repeats and unknown senders', async () => {
    env = setup();
    await env.invoke('CreateEmailIdentity', { EmailIdentity: 'mail.example.com' });
    await env.ses.invoke('CreateEmailAddress', {
      EmailAddress: 'News@mail.example.com',
      EmailSenderName: 'News',
    });
    expect(await codeOf(env.invoke('CreateEmailAddress', { EmailAddress: 'news@mail.example.com' }))).toBe(
      'InvalidParameterValue.RepeatEmailAddress',
    );
    expect(await codeOf(env.invoke('CreateEmailAddress', { EmailAddress: 'x@other.example.com' }))).toBe(
      'OperationDenied.DomainNotVerified',
    );
    expect(await codeOf(env.invoke('CreateEmailAddress', { EmailAddress: 'not-an-address' }))).toBe(
      'InvalidParameterValue.IllegalEmailAddress',
    );
    const list = await env.ses.invoke('ListEmailAddress', {});
    expect(list.EmailSenders).toEqual([
      {
        EmailAddress: 'news@mail.example.com',
        EmailSenderName: 'News',
        CreatedTimestamp: Math.floor(env.backend.now().getTime() / 1000),
        SmtpPwdType: 0,
      },
    ]);
    for (let i = 1; i < 10; i++)
      await env.invoke('CreateEmailAddress', { EmailAddress: `s${i}@mail.example.com` });
    expect(await codeOf(env.invoke('CreateEmailAddress', { EmailAddress: 's10@mail.example.com' }))).toBe(
      'OperationDenied.ExceedSenderLimit',
    );
    await expect(
      env.ses.invoke('DeleteEmailAddress', { EmailAddress: 'nobody@mail.example.com' }),
    ).rejects.toMatchObject({
      code: 'InvalidParameterValue.NoSuchSender',
    });
  });

  it('sets an SMTP password by the rules, hashed, and refuses the same one twice', async () => {
    env = setup();
    await env.invoke('CreateEmailIdentity', { EmailIdentity: 'mail.example.com' });
    await env.invoke('CreateEmailAddress', { EmailAddress: 'a@mail.example.com' });
    for (const bad of ['short1A', 'alllowercaseletters', '123456789012345678901']) {
      expect(
        await codeOf(
          env.invoke('UpdateEmailSmtpPassWord', { EmailAddress: 'a@mail.example.com', Password: bad }),
        ),
      ).toBe('InvalidParameterValue.InvalidSmtpPassWord');
    }
    await env.ses.invoke('UpdateEmailSmtpPassWord', {
      EmailAddress: 'a@mail.example.com',
      Password: 'Secret12345',
    });
    expect(
      await codeOf(
        env.invoke('UpdateEmailSmtpPassWord', {
          EmailAddress: 'a@mail.example.com',
          Password: 'Secret12345',
        }),
      ),
    ).toBe('OperationDenied.RepeatPassWord');
    expect(
      await codeOf(
        env.invoke('UpdateEmailSmtpPassWord', {
          EmailAddress: 'b@mail.example.com',
          Password: 'Secret12345',
        }),
      ),
    ).toBe('InvalidParameterValue.NoSuchSender');
    const list = await env.ses.invoke('ListEmailAddress', {});
    expect(list.EmailSenders?.[0]?.SmtpPwdType).toBe(1);
    const { openDatabase } = await import('../../src/store/database.js');
    const db = openDatabase(env.dir);
    const stored = db.prepare('SELECT smtp_password_hash FROM senders').pluck().get() as string;
    db.close();
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('Secret12345');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SesClient } from '@ses-cli/sdk';
import Database from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHarness,
  DOMAIN,
  type Harness,
  HOUR,
  SENDER,
  START,
  setupSender,
  shanghaiDate,
} from './harness.js';

let h: Harness;
let templateId: number;

beforeEach(async () => {
  h = createHarness();
  templateId = await setupSender(h);
});
afterEach(async () => {
  await h.cleanup();
});

const send = (extra: Record<string, unknown> = {}) => ({
  FromEmailAddress: SENDER,
  Destination: ['ann@example.net'],
  Subject: 'Hi {{name}}',
  Template: { TemplateID: templateId, TemplateData: JSON.stringify({ name: 'Ann' }) },
  ...extra,
});

const statuses = async (extra: Record<string, unknown> = {}) =>
  (await h.call('GetSendEmailStatus', { RequestDate: shanghaiDate(START), Offset: 0, Limit: 100, ...extra }))[
    'EmailStatusList'
  ] as Record<string, unknown>[];

describe('SendEmail', () => {
  it('returns a MessageId in the service format and writes a rendered, signed .eml', async () => {
    const result = await h.call(
      'SendEmail',
      send({
        ReplyToAddresses: 'support@example.org',
        Unsubscribe: '2',
        Attachments: [{ FileName: 'note.txt', Content: Buffer.from('attached!').toString('base64') }],
      }),
    );
    const id = result['MessageId'] as string;
    expect(id).toMatch(/^qcloudses-30-1000000000-date-20260310100000-[A-Za-z0-9]{12}$/);
    expect(h.outboxFiles()).toEqual([`${id}.eml`]);
    const raw = readFileSync(join(h.outbox, `${id}.eml`));
    expect(raw.subarray(0, 15).toString()).toBe('DKIM-Signature:');
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('Hi Ann');
    expect(mail.replyTo?.text).toBe('support@example.org');
    expect(mail.from?.value[0]).toMatchObject({ name: 'News', address: SENDER });
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['note.txt', 'attached!'],
    ]);
    expect(mail.html).toContain('Hello Ann');
    expect(mail.html).toMatch(/http:\/\/127\.0\.0\.1:4599\/t\/unsubscribe\/[A-Za-z0-9_-]+/);
    expect(raw.toString('latin1')).toMatch(
      /^List-Unsubscribe:\s+<http:\/\/127\.0\.0\.1:4599\/t\/unsubscribe\//m,
    );
    expect(raw.toString('latin1')).toMatch(
      new RegExp(`^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${DOMAIN};`),
    );

    const [record] = await statuses({ MessageId: id });
    expect(record).toMatchObject({
      MessageId: id,
      ToEmailAddress: 'ann@example.net',
      FromEmailAddress: SENDER,
      SendStatus: 0,
      DeliverStatus: 1,
      UserOpened: false,
      UserComplained: false,
      UserComplainted: false,
    });
  });

  it('refuses senders that do not exist or sit on an unverified domain', async () => {
    // SendEmail's own documented codes, not BatchSendEmail's OperationDenied.* ones.
    expect((await h.fail('SendEmail', send({ FromEmailAddress: `nobody@${DOMAIN}` }))).code).toBe(
      'FailedOperation.NotAuthenticatedSender',
    );
    // The API cannot un-verify a domain; flip the flag in the database as a failed re-check would.
    const db = new Database(join(h.dir, 'ses.db'));
    db.prepare('UPDATE identities SET verified = 0').run();
    db.close();
    expect((await h.fail('SendEmail', send())).code).toBe('FailedOperation.NotAuthenticatedSender');
  });

  it('answers FailedOperation.IncorrectEmail for a malformed recipient address', async () => {
    for (const bad of [{ Destination: ['not-an-address'] }, { Cc: ['x@'] }, { Bcc: ['@y.example'] }]) {
      expect((await h.fail('SendEmail', send(bad))).code, JSON.stringify(bad)).toBe(
        'FailedOperation.IncorrectEmail',
      );
    }
  });

  it('answers InvalidParameterValue.EmailAddressIsNULL when no recipient is given at all', async () => {
    for (const none of [{ Destination: [] }, { Destination: undefined }]) {
      expect((await h.fail('SendEmail', send(none))).code, JSON.stringify(none)).toBe(
        'InvalidParameterValue.EmailAddressIsNULL',
      );
    }
  });

  it("reads unsubscribe languages in the numbering of the request's site", async () => {
    const call = async (action: string, payload: Record<string, unknown>, region: string) =>
      (await h.backend.invoke({ action, payload, region, attempt: 0 })).payload;
    // On the international site 1 is English; on the China site it is Simplified Chinese.
    for (const [region, expected] of [
      ['ap-singapore', 'Unsubscribe'],
      ['ap-guangzhou', '退订'],
    ] as const) {
      const { MessageId } = await call('SendEmail', send({ Unsubscribe: '1' }), region);
      const mail = await simpleParser(readFileSync(join(h.outbox, `${MessageId}.eml`)));
      expect(mail.text, region).toContain(expected);
    }
    await call(
      'CreateAddressUnsubscribeConfig',
      { Address: SENDER, UnsubscribeConfig: '1', Status: 1 },
      'ap-singapore',
    );
    const listed = async (region: string) =>
      (
        (await call('ListAddressUnsubscribeConfig', { Offset: 0, Limit: '10' }, region))[
          'AddressUnsubscribeConfigList'
        ] as Record<string, unknown>[]
      )[0]?.['UnsubscribeConfig'];
    expect(await listed('ap-singapore')).toBe('1');
    expect(await listed('ap-guangzhou')).toBe('2');
    // The SDK numbers by the same rule, so a language name means the same on both sides.
    for (const region of ['ap-singapore', 'ap-guangzhou']) {
      const ses = new SesClient({ backend: h.backend, region, maxRetries: 0 });
      const { messageId } = await ses.emails.send({
        from: SENDER,
        to: 'bob@example.net',
        subject: 'Hi {{name}}',
        template: { id: templateId, data: { name: 'Bob' } },
        unsubscribe: 'en',
      });
      const mail = await simpleParser(readFileSync(join(h.outbox, `${messageId}.eml`)));
      expect(mail.text, region).toContain('Unsubscribe');
    }
  });

  it('refuses unknown templates', async () => {
    expect(
      (await h.fail('SendEmail', send({ Template: { TemplateID: 999_999, TemplateData: '{}' } }))).code,
    ).toBe('FailedOperation.InvalidTemplateID');
  });

  it('refuses unapproved templates, bad TemplateData and missing variables', async () => {
    const pending = createHarness({ autoApproveTemplates: false });
    try {
      const id = await setupSender(pending);
      const error = await pending.fail('SendEmail', {
        ...send(),
        Template: { TemplateID: id, TemplateData: '{"name":"x"}' },
      });
      expect(error.code).toBe('FailedOperation.InvalidTemplateID');
    } finally {
      await pending.cleanup();
    }
    expect(
      (await h.fail('SendEmail', send({ Template: { TemplateID: templateId, TemplateData: '{oops' } }))).code,
    ).toBe('FailedOperation.WrongContentJson');
    const missing = await h.fail(
      'SendEmail',
      send({ Template: { TemplateID: templateId, TemplateData: '{}' } }),
    );
    expect(missing.code).toBe('FailedOperation.WrongContentJson');
    expect(missing.message).toContain('name');
    expect((await h.fail('SendEmail', send({ Template: undefined }))).code).toBe(
      'FailedOperation.MissingEmailContent',
    );
  });

  it('enforces the attachment and message size limits', async () => {
    const small = createHarness({ maxEmailBytes: 4096 });
    try {
      const id = await setupSender(small);
      const base = { ...send(), Template: { TemplateID: id, TemplateData: '{"name":"A"}' } };
      const big = Buffer.alloc(5000, 1).toString('base64');
      expect(
        (await small.fail('SendEmail', { ...base, Attachments: [{ FileName: 'a.bin', Content: big }] })).code,
      ).toBe('FailedOperation.AttachContentToolarge');
      const nearly = Buffer.alloc(3500, 1).toString('base64');
      expect(
        (await small.fail('SendEmail', { ...base, Attachments: [{ FileName: 'a.bin', Content: nearly }] }))
          .code,
      ).toBe('FailedOperation.EmailContentToolarge');
      expect(small.outboxFiles()).toEqual([]);
    } finally {
      await small.cleanup();
    }
  });

  it('limits each recipient to 10 emails an hour (FrequencyLimit, SendStatus 1006)', async () => {
    for (let i = 0; i < 10; i++) await h.call('SendEmail', send());
    const error = await h.fail('SendEmail', send());
    expect(error.code).toBe('FailedOperation.FrequencyLimit');
    // With another recipient the call succeeds and the limited one gets a 1006 record.
    const { MessageId } = await h.call(
      'SendEmail',
      send({ Destination: ['ann@example.net', 'bob@example.net'] }),
    );
    const records = await statuses({ MessageId });
    expect(records.map((r) => [r['ToEmailAddress'], r['SendStatus']])).toEqual([
      ['ann@example.net', 1006],
      ['bob@example.net', 0],
    ]);
    h.backend.advanceTime(HOUR);
    await h.call('SendEmail', send());
  });

  it('holds concurrent calls to the hourly limit too', async () => {
    const results = await Promise.allSettled(Array.from({ length: 15 }, () => h.call('SendEmail', send())));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(
      Array(5).fill('FailedOperation.FrequencyLimit'),
    );
  });

  it('answers an accepted send with its MessageId even when recording the delivery fails', async () => {
    await h.cleanup();
    // A transport during whose delivery another connection takes the events table away, so the
    // step after the transport (recording the delivery) fails.
    let dataDir = '';
    const sabotage = {
      kind: 'sabotage',
      async deliver() {
        const other = new Database(join(dataDir, 'ses.db'));
        other.exec('ALTER TABLE events RENAME TO events_away');
        other.close();
        return {};
      },
    };
    h = createHarness({ transport: sabotage });
    dataDir = h.dir;
    templateId = await setupSender(h);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const { MessageId } = await h.call('SendEmail', send());
      expect(MessageId).toMatch(/^qcloudses-/);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.join('\n')).toContain(`SendEmail ${MessageId} was accepted`);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('keeps retrying a message while its transport cannot store it (disk full), instead of dropping it', async () => {
    await h.cleanup();
    let failures = 7;
    const fullDisk = {
      kind: 'full-disk',
      async deliver() {
        if (failures-- > 0) {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        return {};
      },
    };
    h = createHarness({ transport: fullDisk });
    templateId = await setupSender(h);
    const { MessageId } = await h.call('SendEmail', send());
    for (let minute = 0; minute < 7; minute++) {
      expect((await statuses({ MessageId }))[0]).toMatchObject({ DeliverStatus: 8 });
      h.backend.advanceTime(60_000);
      await h.backend.runDue();
    }
    expect((await statuses({ MessageId }))[0]).toMatchObject({ DeliverStatus: 1 });
  });

  it('refuses blacklisted and unsubscribed recipients (1007, 1013)', async () => {
    await h.call('SendEmail', send({ Destination: ['bounce@simulator.test'] }));
    expect((await h.fail('SendEmail', send({ Destination: ['bounce@simulator.test'] }))).code).toBe(
      'FailedOperation.EmailAddrInBlacklist',
    );
    await h.call('CreateCustomBlacklist', { Emails: ['blocked@example.net'] });
    expect((await h.fail('SendEmail', send({ Destination: ['blocked@example.net'] }))).code).toBe(
      'FailedOperation.EmailAddrInBlacklist',
    );
    await h.call('SendEmail', send({ Destination: ['unsubscribe@simulator.test'] }));
    expect((await h.fail('SendEmail', send({ Destination: ['unsubscribe@simulator.test'] }))).code).toBe(
      'FailedOperation.ReceiverHasUnsubscribed',
    );
    const { MessageId } = await h.call(
      'SendEmail',
      send({ Destination: ['blocked@example.net', 'ok@example.net'], Cc: ['unsubscribe@simulator.test'] }),
    );
    const records = await statuses({ MessageId });
    expect(records.map((r) => [r['ToEmailAddress'], r['SendStatus']])).toEqual([
      ['blocked@example.net', 1007],
      ['ok@example.net', 0],
      ['unsubscribe@simulator.test', 1013],
    ]);
    // Refused recipients are dropped (DeliverStatus 2) with the reason, never left looking queued.
    const refused = records.filter((r) => r['SendStatus'] !== 0);
    expect(refused.map((r) => r['DeliverStatus'])).toEqual([2, 2]);
    expect(String(refused[0]?.['DeliverMessage'])).toMatch(/blacklist/);
  });

  it('limits GetSendEmailStatus to the last 30 days', async () => {
    await h.call('SendEmail', send());
    expect(
      (
        await h.fail('GetSendEmailStatus', {
          RequestDate: shanghaiDate(START - 30 * 24 * HOUR),
          Offset: 0,
          Limit: 10,
        })
      ).code,
    ).toBe('FailedOperation.NotSupportDate');
    expect(await statuses({ ToEmailAddress: 'nobody@example.net' })).toEqual([]);
    expect(await statuses({ ToEmailAddress: 'ANN@example.net' })).toHaveLength(1);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOCAL_KEYS, type RunningEmulator, startEmulator } from '@ses-cli/local';
import { operations } from '@ses-cli/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The official client is CommonJS and untyped here on purpose: it is the oracle, driven as a user
// of it would, and every answer is checked by value below.
type Answer = Record<string, unknown>;
interface OfficialClient {
  request(action: string, params: Record<string, unknown>): Promise<Answer>;
}
type ActionMethod = (params?: Record<string, unknown>) => Promise<Answer>;
interface OfficialError {
  code: string;
  requestId: string;
}

const require = createRequire(import.meta.url);
const { ses } = require('tencentcloud-sdk-nodejs-ses') as {
  ses: { v20201002: { Client: new (config: unknown) => OfficialClient } };
};

let emulator: RunningEmulator;
let dataDir: string;
let client: OfficialClient;
const called = new Set<string>();

/** Calls one action through the official client's typed method (or its generic `request`). */
async function call(action: string, params?: Record<string, unknown>): Promise<Record<string, unknown>> {
  called.add(action);
  const method = (client as unknown as Record<string, ActionMethod | undefined>)[action];
  if (typeof method === 'function') return method.call(client, params);
  return client.request(action, params ?? {});
}

async function failure(action: string, params: Record<string, unknown>): Promise<OfficialError> {
  try {
    await call(action, params);
  } catch (error) {
    return error as OfficialError;
  }
  throw new Error(`${action} succeeded`);
}

/** Runs due work (uploads, tasks) through the inspection API, as a user of `ses-cli serve` would. */
async function runDue(): Promise<Record<string, unknown>> {
  const response = await fetch(`${emulator.url}/_emulator/clock?advanceMs=0`, { method: 'POST' });
  return (await response.json()) as Record<string, unknown>;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');
const today = () => emulator.backend.now().toISOString().slice(0, 10);
const DOMAIN = 'mail.example.com';
const SENDER = `noreply@${DOMAIN}`;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ses-emulator-official-'));
  // UTC days, so `today()` above names the same day the engine counts in.
  emulator = await startEmulator({
    port: 0,
    dataDir,
    rateLimits: false,
    schedulerIntervalMs: 0,
    backendOptions: { timeZone: 'UTC' },
  });
  const endpoint = new URL(emulator.url).host;
  client = new ses.v20201002.Client({
    credential: DEFAULT_LOCAL_KEYS,
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint, protocol: 'http://' } },
  });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the official tencentcloud-sdk-nodejs-ses client against the emulator', () => {
  let templateId = 0;
  let receiverId = 0;
  let dataReceiverId = 0;

  it('manages identities', async () => {
    const created = await call('CreateEmailIdentity', { EmailIdentity: DOMAIN, DKIMOption: 1 });
    expect(created.VerifiedForSendingStatus).toBe(true);
    expect(created.Attributes).toEqual(expect.arrayContaining([expect.objectContaining({ Type: 'TXT' })]));
    expect((await call('GetEmailIdentity', { EmailIdentity: DOMAIN })).IdentityType).toBe('DOMAIN');
    const list = await call('ListEmailIdentities', {});
    expect(list.EmailIdentities).toEqual([
      expect.objectContaining({ IdentityName: DOMAIN, SendingEnabled: true }),
    ]);
    expect((await call('UpdateEmailIdentity', { EmailIdentity: DOMAIN })).VerifiedForSendingStatus).toBe(
      true,
    );
  });

  it('manages sender addresses, ListEmailAddress called with no argument at all', async () => {
    await call('CreateEmailAddress', { EmailAddress: SENDER, EmailSenderName: 'Example' });
    await call('CreateEmailAddress', { EmailAddress: `spare@${DOMAIN}` });
    const list = await call('ListEmailAddress');
    expect((list.EmailSenders as { EmailAddress: string }[]).map((s) => s.EmailAddress).sort()).toEqual([
      SENDER,
      `spare@${DOMAIN}`,
    ]);
    await call('UpdateEmailSmtpPassWord', { EmailAddress: SENDER, Password: 'Abcdef123456' });
    await call('DeleteEmailAddress', { EmailAddress: `spare@${DOMAIN}` });
    expect((await call('ListEmailAddress')).EmailSenders).toHaveLength(1);
  });

  it('manages templates', async () => {
    const created = await call('CreateEmailTemplate', {
      TemplateName: 'welcome',
      TemplateContent: {
        Html: base64('<p>Hi {{name}}, <a href="https://example.com/start">start</a></p>'),
        Text: base64('Hi {{name}}'),
      },
    });
    templateId = created.TemplateID as number;
    expect(templateId).toBeGreaterThan(0);
    const got = await call('GetEmailTemplate', { TemplateID: templateId });
    expect(Buffer.from((got.TemplateContent as { Text: string }).Text, 'base64').toString()).toBe(
      'Hi {{name}}',
    );
    expect(got.TemplateStatus).toBe(0);
    await call('UpdateEmailTemplate', {
      TemplateID: templateId,
      TemplateName: 'welcome-v2',
      TemplateContent: {
        Html: base64('<p>Hello {{name}} <a href="https://example.com/start">start</a></p>'),
      },
    });
    const list = await call('ListEmailTemplates', { Limit: 10, Offset: 0 });
    expect(list.TotalCount).toBe(1);
    expect(list.TemplatesMetadata).toEqual([
      expect.objectContaining({ TemplateID: templateId, TemplateName: 'welcome-v2' }),
    ]);
  });

  it('creates recipient groups and uploads recipients until status 3', async () => {
    receiverId = (await call('CreateReceiver', { ReceiversName: 'readers', Desc: 'monthly' }))
      .ReceiverId as number;
    dataReceiverId = (await call('CreateReceiver', { ReceiversName: 'with-data' })).ReceiverId as number;
    await call('CreateReceiverDetail', {
      ReceiverId: receiverId,
      Emails: ['a@simulator.test', 'b@simulator.test'],
    });
    await call('CreateReceiverDetailWithData', {
      ReceiverId: dataReceiverId,
      Datas: [{ Email: 'c@simulator.test', TemplateData: '{"name":"Cy"}' }],
    });
    const report = await runDue();
    expect(report.uploads).toBe(2);
    const groups = await call('ListReceivers', { Offset: 0, Limit: 10 });
    expect(groups.Data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ReceiverId: receiverId, ReceiversStatus: 3, Count: 2 }),
        expect.objectContaining({ ReceiverId: dataReceiverId, ReceiversStatus: 3, Count: 1 }),
      ]),
    );
    const details = await call('ListReceiverDetails', { ReceiverId: receiverId, Offset: 0, Limit: 10 });
    expect(details.TotalCount).toBe(2);
  });

  it('sends, batch-sends and reports on it', async () => {
    const sent = await call('SendEmail', {
      FromEmailAddress: `Example <${SENDER}>`,
      Destination: ['success@simulator.test'],
      Subject: 'Welcome {{name}}',
      Template: { TemplateID: templateId, TemplateData: '{"name":"Ana"}' },
    });
    expect(sent.MessageId).toMatch(/^qcloudses-/);
    const batch = await call('BatchSendEmail', {
      FromEmailAddress: SENDER,
      ReceiverId: receiverId,
      Subject: 'News',
      TaskType: 1,
      Template: { TemplateID: templateId, TemplateData: '{"name":"reader"}' },
    });
    await runDue();
    const tasks = await call('ListSendTasks', { Offset: 0, Limit: 10 });
    expect(tasks.Data).toEqual([
      expect.objectContaining({
        TaskId: batch.TaskId,
        ReceiverId: receiverId,
        TaskStatus: 10,
        RequestCount: 2,
        SendCount: 2,
      }),
    ]);
    const status = await call('GetSendEmailStatus', { RequestDate: today(), Offset: 0, Limit: 100 });
    const records = status.EmailStatusList as {
      MessageId: string;
      ToEmailAddress: string;
      SendStatus: number;
    }[];
    expect(records).toHaveLength(3);
    expect(records.find((r) => r.ToEmailAddress === 'success@simulator.test')).toMatchObject({
      MessageId: sent.MessageId,
      SendStatus: 0,
    });
    const stats = await call('GetStatisticsReport', { StartDate: today(), EndDate: today() });
    expect(stats.OverallVolume).toMatchObject({ RequestCount: 3, AcceptedCount: 3 });
  });

  it('keeps the bounce blacklist and the custom blacklist', async () => {
    await call('SendEmail', {
      FromEmailAddress: SENDER,
      Destination: ['bounce@simulator.test'],
      Subject: 'Hi',
      Template: { TemplateID: templateId, TemplateData: '{"name":"B"}' },
    });
    await runDue();
    const bounced = await call('ListBlackEmailAddress', {
      StartDate: today(),
      EndDate: today(),
      Limit: 10,
      Offset: 0,
    });
    expect(bounced.BlackList).toEqual([expect.objectContaining({ EmailAddress: 'bounce@simulator.test' })]);
    await call('DeleteBlackList', { EmailAddressList: ['bounce@simulator.test'] });
    expect(
      (await call('ListBlackEmailAddress', { StartDate: today(), EndDate: today(), Limit: 10, Offset: 0 }))
        .TotalCount,
    ).toBe(0);

    await call('CreateCustomBlacklist', { Emails: ['blocked@example.com'] });
    const custom = await call('ListCustomBlacklist', { Offset: 0, Limit: 10, Status: 2 });
    const entry = (custom.Data as { Id: number; Email: string }[])[0];
    expect(entry?.Email).toBe('blocked@example.com');
    const refused = await failure('SendEmail', {
      FromEmailAddress: SENDER,
      Destination: ['blocked@example.com'],
      Subject: 'Hi',
      Template: { TemplateID: templateId, TemplateData: '{"name":"X"}' },
    });
    expect(refused.code).toBe('FailedOperation.EmailAddrInBlacklist');
    await call('UpdateCustomBlackList', { Id: entry?.Id, Email: 'blocked2@example.com' });
    expect(
      (
        (await call('ListCustomBlacklist', { Offset: 0, Limit: 10, Status: 2 })).Data as { Email: string }[]
      )[0]?.Email,
    ).toBe('blocked2@example.com');
    await call('DeleteCustomBlackList', { Emails: ['blocked2@example.com'] });
    expect((await call('ListCustomBlacklist', { Offset: 0, Limit: 10, Status: 2 })).TotalCount).toBe(0);
  });

  it('manages address unsubscribe configs and reads abuse reports through the generic request()', async () => {
    await call('CreateAddressUnsubscribeConfig', { Address: SENDER, UnsubscribeConfig: '1', Status: 1 });
    await call('UpdateAddressUnsubscribeConfig', { Address: SENDER, UnsubscribeConfig: '2', Status: 0 });
    const configs = await call('ListAddressUnsubscribeConfig', { Offset: 0, Limit: '10' });
    expect(configs.AddressUnsubscribeConfigList).toEqual([
      expect.objectContaining({ Address: SENDER, UnsubscribeConfig: '2', Status: 0 }),
    ]);
    await call('DeleteAddressUnsubscribeConfig', { Address: SENDER });
    expect((await call('ListAddressUnsubscribeConfig', { Offset: 0, Limit: '10' })).Total).toBe(0);

    // GetAbuseReport is missing from this version of the package: the generic request() reaches it.
    expect((client as unknown as Record<string, unknown>).GetAbuseReport).toBeUndefined();
    called.add('GetAbuseReport');
    const abuse = await client.request('GetAbuseReport', { StartTime: today(), EndTime: today() });
    expect(abuse).toMatchObject({ TotalCount: 0, Data: [] });
  });

  it('surfaces the service error codes as the official client expects them', async () => {
    const missing = await failure('GetEmailTemplate', { TemplateID: 999_999 });
    expect(missing.code).toMatch(/^(FailedOperation|ResourceNotFound|InvalidParameterValue)\./);
    expect(missing.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const unknown = await failure('ListEmailTemplates', { Limit: 10, Offset: 0, Colour: 'red' });
    expect(unknown.code).toBe('UnknownParameter');
  });

  it('deletes what it created', async () => {
    await call('DeleteEmailTemplate', { TemplateID: templateId });
    await call('DeleteReceiver', { ReceiverId: receiverId });
    await call('DeleteReceiver', { ReceiverId: dataReceiverId });
    await call('DeleteEmailAddress', { EmailAddress: SENDER });
    await call('DeleteEmailIdentity', { EmailIdentity: DOMAIN });
    expect((await call('ListEmailIdentities', {})).EmailIdentities).toEqual([]);
    expect((await call('ListEmailTemplates', { Limit: 10, Offset: 0 })).TotalCount).toBe(0);
  });

  it('has called every one of the 36 actions', () => {
    const all = Object.keys(operations).sort();
    expect(all).toHaveLength(36);
    expect([...called].sort()).toEqual(all);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalBackend, DEFAULT_LOCAL_KEYS, type LocalBackend, startEmulator } from '@ses-cli/local';
import { ApiError, SesClient } from '@ses-cli/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// One set of scenarios, run (a) against the local backend in process and (b) through our
// HttpBackend against the emulator. Both must give the same results, errors included, once request
// ids, generated message ids, keys and clock readings are normalised.

interface Target {
  readonly ses: SesClient;
  /** Runs due work (uploads, tasks) on the backend behind `ses`. */
  runDue(): Promise<unknown>;
  today(): string;
  close(): Promise<void>;
}

const TIME_ZONE = 'UTC';

async function inProcess(): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ses-contract-local-'));
  const backend: LocalBackend = createLocalBackend({ dataDir, timeZone: TIME_ZONE });
  return {
    ses: new SesClient({ backend, env: {}, maxRetries: 0 }),
    runDue: () => backend.runDue(),
    today: () => backend.now().toISOString().slice(0, 10),
    async close() {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function overHttp(): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ses-contract-http-'));
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    rateLimits: false,
    schedulerIntervalMs: 0,
    backendOptions: { timeZone: TIME_ZONE },
  });
  const ses = new SesClient({
    endpoint: emulator.url,
    credentials: DEFAULT_LOCAL_KEYS,
    env: {},
    maxRetries: 0,
  });
  return {
    ses,
    runDue: () => emulator.backend.runDue(),
    today: () => emulator.backend.now().toISOString().slice(0, 10),
    async close() {
      await ses.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An error as a caller sees it: its class and code (the request id differs by design). */
async function outcome<T>(
  promise: Promise<T>,
): Promise<T | { error: string; code: string; message: string }> {
  try {
    return await promise;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { error: error.constructor.name, code: error.code, message: error.serviceMessage };
  }
}

const DOMAIN = 'contract.example.com';
const SENDER = `news@${DOMAIN}`;
const HTML = '<p>Hello {{name}}</p><a href="https://example.com/read">read</a>';
const data = { name: 'Ana' };

type Scenario = readonly [name: string, run: (t: Target) => Promise<unknown>];

const scenarios: readonly Scenario[] = [
  [
    'identities',
    async ({ ses }) => ({
      created: await ses.identities.create(DOMAIN),
      got: await ses.identities.get(DOMAIN),
      listed: (await ses.identities.list()).items,
      verified: await ses.identities.verify(DOMAIN),
      invalid: await outcome(ses.identities.create('not a domain')),
      unknown: await outcome(ses.identities.get('unknown.example.net')),
    }),
  ],
  [
    'senders',
    async ({ ses }) => ({
      created: await ses.senders.create({ address: SENDER, name: 'News' }),
      duplicate: await outcome(ses.senders.create({ address: SENDER, name: 'News' })),
      unverifiedDomain: await outcome(ses.senders.create({ address: 'x@elsewhere.example.org' })),
      password: await ses.senders.setSmtpPassword(SENDER, 'Abcdef123456'),
      listed: (await ses.senders.list()).items,
    }),
  ],
  [
    'templates',
    async ({ ses }) => {
      const created = await ses.templates.create({ name: 'hello', html: HTML, text: 'Hello {{name}}' });
      return {
        created,
        got: await ses.templates.get(created.id),
        updated: await ses.templates.update(created.id, { name: 'hello-v2', html: HTML }),
        listed: (await ses.templates.list()).items,
        missing: await outcome(ses.templates.get(987_654)),
        deleteMissing: await outcome(ses.templates.delete(987_654)),
      };
    },
  ],
  [
    'recipient groups',
    async (t) => {
      const { ses } = t;
      const group = await ses.recipientGroups.create({ name: 'readers', description: 'monthly' });
      const added = await ses.recipientGroups.addRecipients(group.id, [
        { email: 'a@example.org', data },
        { email: 'b@example.org', data: { name: 'Bo' } },
        { email: 'success@simulator.test', data: { name: 'Sim' } },
      ]);
      const beforeUpload = await ses.recipientGroups.get(group.id);
      await t.runDue();
      return {
        group,
        added,
        beforeUpload,
        afterUpload: await ses.recipientGroups.get(group.id),
        recipients: (await ses.recipientGroups.listRecipients(group.id)).items,
        duplicateName: await outcome(ses.recipientGroups.create({ name: 'readers' })),
        listed: (await ses.recipientGroups.list()).items,
      };
    },
  ],
  [
    'send and status',
    async (t) => {
      const { ses } = t;
      const template = (await ses.templates.list()).items[0]!;
      const sent = await ses.emails.send({
        from: `News <${SENDER}>`,
        to: 'reader@example.org',
        subject: 'Hi {{name}}',
        template: { id: template.id, data },
      });
      const statuses = (await ses.sendStatus.list({ date: t.today(), messageId: sent.messageId })).items;
      return {
        sent,
        statuses,
        wrongSender: await outcome(
          ses.emails.send({
            from: 'nobody@nowhere.example.org',
            to: 'x@example.org',
            subject: 'x',
            template: { id: template.id, data },
          }),
        ),
        missingTemplate: await outcome(
          ses.emails.send({
            from: SENDER,
            to: 'x@example.org',
            subject: 'x',
            template: { id: 424_242, data },
          }),
        ),
      };
    },
  ],
  [
    'batch send and tasks',
    async (t) => {
      const { ses } = t;
      const template = (await ses.templates.list()).items[0]!;
      const group = (await ses.recipientGroups.list()).items[0]!;
      const batch = await ses.emails.batchSend({
        from: SENDER,
        groupId: group.id,
        subject: 'News for {{name}}',
        template: { id: template.id, data },
      });
      await t.runDue();
      const emptyGroup = await ses.recipientGroups.create({ name: 'empty' });
      return {
        batch,
        task: await ses.sendTasks.get(batch.taskId),
        tasks: (await ses.sendTasks.list()).items,
        notUploaded: await outcome(
          ses.emails.batchSend({
            from: SENDER,
            groupId: emptyGroup.id,
            subject: 'x',
            template: { id: template.id, data },
          }),
        ),
      };
    },
  ],
  [
    'statistics',
    async (t) => ({
      overall: await t.ses.statistics.get({ startDate: t.today(), endDate: t.today() }),
      byDomain: await t.ses.statistics.get({ startDate: t.today(), endDate: t.today(), domain: DOMAIN }),
    }),
  ],
  [
    'bounce blacklist',
    async (t) => {
      const { ses } = t;
      const template = (await ses.templates.list()).items[0]!;
      await ses.emails.send({
        from: SENDER,
        to: 'bounce@simulator.test',
        subject: 'x',
        template: { id: template.id, data },
      });
      const listed = (await ses.blacklist.list({ startDate: t.today(), endDate: t.today() })).items;
      const resend = await outcome(
        ses.emails.send({
          from: SENDER,
          to: 'bounce@simulator.test',
          subject: 'x',
          template: { id: template.id, data },
        }),
      );
      await ses.blacklist.remove(['bounce@simulator.test']);
      return {
        listed,
        resend,
        after: (await ses.blacklist.list({ startDate: t.today(), endDate: t.today() })).items,
      };
    },
  ],
  [
    'custom blacklist',
    async ({ ses }) => {
      const added = await ses.customBlacklist.add([
        'blocked@example.org',
        'blocked@example.org',
        'not-an-address',
      ]);
      const listed = (await ses.customBlacklist.list({ status: 'all' })).items;
      const first = listed[0] as { id: number };
      await ses.customBlacklist.update(first.id, { email: 'blocked2@example.org' });
      const relisted = (await ses.customBlacklist.list({ status: 'all' })).items;
      await ses.customBlacklist.remove(['blocked2@example.org']);
      return { added, listed, relisted, after: (await ses.customBlacklist.list({ status: 'all' })).items };
    },
  ],
  [
    'unsubscribe configs',
    async ({ ses }) => {
      await ses.unsubscribeConfigs.create({ address: SENDER, language: 'en' });
      const duplicate = await outcome(ses.unsubscribeConfigs.create({ address: SENDER, language: 'en' }));
      await ses.unsubscribeConfigs.update({ address: SENDER, language: 'zh-CN', enabled: false });
      const listed = (await ses.unsubscribeConfigs.list()).items;
      await ses.unsubscribeConfigs.delete(SENDER);
      return { duplicate, listed, after: (await ses.unsubscribeConfigs.list()).items };
    },
  ],
  [
    'abuse reports',
    async (t) => {
      const { ses } = t;
      const template = (await ses.templates.list()).items[0]!;
      await ses.emails.send({
        from: SENDER,
        to: 'complaint@simulator.test',
        subject: 'x',
        template: { id: template.id, data },
      });
      return { reports: (await ses.abuseReports.list({ startDate: t.today(), endDate: t.today() })).items };
    },
  ],
  [
    'raw invoke and clean-up',
    async ({ ses }) => {
      const group = (await ses.recipientGroups.list()).items[0]!;
      return {
        raw: await ses.invoke('ListEmailTemplates', { Limit: 5, Offset: 0 }),
        deleteGroup: await ses.recipientGroups.delete(group.id),
        deleteGroupAgain: await outcome(ses.recipientGroups.delete(group.id)),
        deleteSender: await ses.senders.delete(SENDER),
        deleteIdentity: await ses.identities.delete(DOMAIN),
      };
    },
  ],
];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Replaces what legitimately differs between two runs by stable placeholders. */
function normalise(value: unknown, today: string, seen: Map<string, string>): unknown {
  if (value instanceof Date) return '<date>';
  if (Array.isArray(value)) return value.map((item) => normalise(item, today, seen));
  if (typeof value === 'string') {
    return value
      .replace(/qcloudses-[\w-]+/g, (id) => {
        if (!seen.has(id)) seen.set(id, `<message-id-${seen.size}>`);
        return seen.get(id)!;
      })
      .replace(UUID, '<uuid>')
      .replace(/p=[A-Za-z0-9+/=]{40,}/g, 'p=<dkim-key>')
      .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+Z?)?/g, '<datetime>')
      .replaceAll(today, '<today>');
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (/requestid/i.test(key)) out[key] = '<request-id>';
    else if (/(time|timestamp)$/i.test(key) && typeof item === 'number') out[key] = '<time>';
    else out[key] = normalise(item, today, seen);
  }
  return out;
}

const results: Record<string, Record<string, unknown>> = {};

describe.each([
  ['in-process local backend', inProcess],
  ['HttpBackend against the emulator', overHttp],
])('contract: %s', (mode, create) => {
  let target: Target;
  const seen = new Map<string, string>();
  beforeAll(async () => {
    target = await create();
    results[mode] = {};
  });
  afterAll(() => target.close());

  it.each(scenarios)('%s', async (name, run) => {
    const result = await run(target);
    expect(result).toBeTypeOf('object');
    results[mode]![name] = normalise(result, target.today(), seen);
  });
});

describe('contract: both backends agree', () => {
  it.each(scenarios)('%s', (name) => {
    const local = results['in-process local backend']?.[name];
    const http = results['HttpBackend against the emulator']?.[name];
    expect(local).toBeDefined();
    expect(http).toEqual(local);
  });

  it('exercised successes and each error family', () => {
    const all = JSON.stringify(results['in-process local backend']);
    for (const family of ['InvalidParameterError', 'OperationFailedError']) expect(all).toContain(family);
    expect(all).toContain('"status":"approved"');
    expect(all).toContain('<message-id-');
  });
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_WARMUP_PLAN, quotaForDay } from '@ses-cli/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
const run = (argv: string[], options = {}) => runInProcess(argv, tmp.dir, options);
const json = async (argv: string[]) => {
  const result = await run([...argv, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown> & { items?: Record<string, unknown>[] };
};

const DOMAIN = 'mail.example.com';
const SENDER = `hello@${DOMAIN}`;

beforeAll(async () => {
  writeFileSync(join(tmp.dir, 'welcome.html'), '<p>Hello {{name}}, your code is {{code}}.</p>');
  writeFileSync(join(tmp.dir, 'welcome.txt'), 'Hello {{name}}, your code is {{code}}.');
  expect((await run(['identities', 'create', DOMAIN])).code).toBe(0);
  expect((await run(['identities', 'verify', DOMAIN])).code).toBe(0);
  expect((await run(['senders', 'create', SENDER, '--name', 'Hello'])).code).toBe(0);
  expect(
    (
      await run([
        'templates',
        'create',
        '--name',
        'welcome',
        '--html',
        join(tmp.dir, 'welcome.html'),
        '--text',
        join(tmp.dir, 'welcome.txt'),
      ])
    ).code,
  ).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('identities and senders', () => {
  it('lists domains as a table and as JSON', async () => {
    const table = await run(['identities', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(DOMAIN);
    expect(table.stderr).toContain('local backend');
    const doc = await json(['identities', 'list']);
    expect(doc.items?.[0]).toMatchObject({ identityName: DOMAIN, sendingEnabled: true });
  });

  it('shows the DNS records of a domain', async () => {
    const doc = await json(['identities', 'show', DOMAIN]);
    expect(doc.verified).toBe(true);
    expect((doc.records as unknown[]).length).toBeGreaterThan(0);
  });

  it('checks DNS records against an unreachable resolver without crashing', async () => {
    const result = await run(['identities', 'check', DOMAIN, '--json'], {
      env: { SES_CLI_DNS_SERVERS: '127.0.0.1:9' },
    });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { records: { verdict: string }[] };
    expect(doc.records.every((r) => r.verdict !== 'found')).toBe(true);
  });

  it('lists senders', async () => {
    const doc = (await json(['senders', 'list'])) as unknown as Record<string, unknown>[];
    expect(doc[0]).toMatchObject({ emailAddress: SENDER, emailSenderName: 'Hello' });
  });
});

describe('templates', () => {
  it('lists, gets and renders', async () => {
    const list = await run(['templates', 'list']);
    expect(list.stdout).toMatch(/welcome/);
    expect(list.stdout).toMatch(/approved/);
    const get = await json(['templates', 'get', 'welcome']);
    expect(get).toMatchObject({ name: 'welcome', status: 'approved' });
    expect(get.html).toContain('{{name}}');
    const render = await run(['templates', 'render', 'welcome', '--data', 'name=Ana', '--data', 'extra=1']);
    expect(render.code).toBe(0);
    expect(render.stdout).toContain('Hello Ana');
    expect(render.stderr).toContain('no value for {{code}}');
    expect(render.stderr).toContain('"extra" is not a variable');
  });

  it('pushes a folder (create, then diff and update) and pulls it back', async () => {
    const dir = join(tmp.dir, 'tpl', 'promo');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'template.json'), JSON.stringify({ name: 'promo', subject: 'Hi {{name}}' }));
    writeFileSync(join(dir, 'index.txt'), 'Sale for {{name}}');
    const first = (await json(['templates', 'push', join(tmp.dir, 'tpl')])) as unknown as Record<
      string,
      unknown
    >[];
    expect(first[0]).toMatchObject({ name: 'promo', action: 'created', status: 'approved' });
    const again = (await json(['templates', 'push', join(tmp.dir, 'tpl')])) as unknown as Record<
      string,
      unknown
    >[];
    expect(again[0]).toMatchObject({ action: 'unchanged' });
    writeFileSync(join(dir, 'index.txt'), 'Big sale for {{name}}');
    const changed = await run(['templates', 'push', join(tmp.dir, 'tpl')]);
    expect(changed.code).toBe(0);
    expect(changed.stderr).toContain('+ Big sale for {{name}}');
    expect(changed.stdout).toContain('updated');
    const out = join(tmp.dir, 'pulled');
    const pulled = (await json(['templates', 'pull', out])) as unknown as Record<string, unknown>[];
    expect(pulled.map((p) => p.name).sort()).toEqual(['promo', 'welcome']);
    expect(readFileSync(join(out, 'promo', 'index.txt'), 'utf8')).toBe('Big sale for {{name}}');
  });

  it('refuses an update with nothing to change, and template files it cannot use', async () => {
    const update = await run(['templates', 'update', 'welcome']);
    expect(update.code).toBe(2);
    expect(update.stderr).toContain('--name, --html');
    const bad = join(tmp.dir, 'bad-tpl');
    mkdirSync(join(bad, 'empty'), { recursive: true });
    writeFileSync(join(bad, 'empty', 'template.json'), '\uFEFF{"name":"empty-one"}');
    writeFileSync(join(bad, 'empty', 'index.html'), '');
    const empty = await run(['templates', 'push', join(bad, 'empty'), '--dry-run']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('index.html: is empty');
    mkdirSync(join(bad, 'dir', 'index.html'), { recursive: true });
    writeFileSync(join(bad, 'dir', 'template.json'), '{"name":"dir-one"}');
    const dir = await run(['templates', 'push', join(bad, 'dir'), '--dry-run']);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain('is a directory');
  });

  it('pull into a file is a usage error', async () => {
    writeFileSync(join(tmp.dir, 'a-file'), 'x');
    const pulled = await run(['templates', 'pull', join(tmp.dir, 'a-file')]);
    expect(pulled.code).toBe(2);
    expect(pulled.stderr).toContain('not a directory');
  });

  it('pushes the templates it can and exits 4 naming the ones the service refused', async () => {
    const root = join(tmp.dir, 'partial');
    for (const [folder, name] of [
      ['a', 'partial-ok'],
      ['b', 'bad<name>'],
    ] as const) {
      mkdirSync(join(root, folder), { recursive: true });
      writeFileSync(join(root, folder, 'template.json'), JSON.stringify({ name }));
      writeFileSync(join(root, folder, 'index.txt'), 'Hello {{name}}');
    }
    const result = await run(['templates', 'push', root, '--json']);
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout)).toMatchObject([
      { name: 'partial-ok', action: 'created' },
      { name: 'bad<name>', action: 'failed', error: expect.stringContaining('TemplateName') },
    ]);
  });

  it('prints the wire request under --dry-run and creates nothing', async () => {
    const result = await run([
      'templates',
      'create',
      '--name',
      'dry',
      '--text',
      join(tmp.dir, 'welcome.txt'),
      '--dry-run',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as {
      dryRun: boolean;
      requests: { action: string; payload: Record<string, unknown> }[];
    };
    expect(doc.dryRun).toBe(true);
    expect(doc.requests[0]).toMatchObject({
      action: 'CreateEmailTemplate',
      payload: { TemplateName: 'dry' },
    });
    const list = await json(['templates', 'list']);
    expect(list.items?.some((t) => t.templateName === 'dry')).toBe(false);
  });

  it('refuses a destructive command without --yes when stdin is not a TTY', async () => {
    const refused = await run(['templates', 'delete', 'promo']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const deleted = await run(['templates', 'delete', 'promo', '--yes']);
    expect(deleted.code).toBe(0);
    expect((await run(['templates', 'get', 'promo'])).code).toBe(2);
  });
});

describe('groups, sending and tasks', () => {
  it('imports a CSV with data, waits for the upload and shows the group', async () => {
    const rows = [
      'email,name,code',
      ...Array.from({ length: 30 }, (_, i) => `user${i}@example.net,User ${i},C${i}`),
    ];
    writeFileSync(join(tmp.dir, 'list.csv'), `${rows.join('\n')}\n`);
    const result = await run([
      'groups',
      'import',
      'customers',
      join(tmp.dir, 'list.csv'),
      '--create',
      '--wait',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 30, uploaded: 30, upload: 'complete' });
    const show = await json(['groups', 'show', 'customers']);
    expect(show.total).toBe(30);
    const table = await run(['groups', 'list']);
    expect(table.stdout).toMatch(/customers\s*│\s*30/);
  });

  it('sends one email and finds its status and the outbox message', async () => {
    const sent = await json([
      'send',
      '--from',
      SENDER,
      '--to',
      'ana@example.org',
      '--subject',
      'Code {{code}}',
      '--template',
      'welcome',
      '--data',
      'name=Ana',
      '--data',
      'code=42',
    ]);
    expect(String(sent.messageId)).not.toBe('');
    const status = await json(['status', '--to', 'ana@example.org']);
    expect(status.items?.[0]).toMatchObject({ toEmailAddress: 'ana@example.org', sendStatus: 0 });

    const messages = await json(['local', 'messages', '--to', 'ana@example.org']);
    expect(messages.total).toBe(1);
  });

  it('starts a batch task and lists, shows and watches it', async () => {
    const batch = await run([
      'batch',
      '--from',
      SENDER,
      '--group',
      'customers',
      '--template',
      'welcome',
      '--subject',
      'Hi {{name}}',
      '--json',
    ]);
    expect(batch.code, batch.stderr).toBe(0);
    const { taskId } = JSON.parse(batch.stdout) as { taskId: number };
    const list = await run(['tasks', 'list']);
    expect(list.stdout).toContain(String(taskId));
    const show = await json(['tasks', 'show', String(taskId)]);
    expect(show).toMatchObject({ taskId, requestCount: 30 });
    const watch = await run(['tasks', 'watch', String(taskId), '--interval', '1']);
    expect(watch.code).toBe(0);
    expect(watch.stdout).toMatch(/status\s+finished/);
    // --all pages on although the action reports no total.
    expect((await json(['status', '--limit', '5'])).items).toHaveLength(5);
    expect(((await json(['status', '--all', '--limit', '5'])).items as unknown[]).length).toBeGreaterThan(30);
  });

  it('schedules a task with --at and runs it after time travel', async () => {
    const batch = await json([
      'batch',
      '--from',
      SENDER,
      '--group',
      'customers',
      '--template',
      'welcome',
      '--subject',
      'Later',
      '--at',
      '+2h',
    ]);
    const waiting = await json(['tasks', 'show', String(batch.taskId)]);
    expect(waiting.taskStatus).toBe(1);
    const advanced = await run(['local', 'clock', 'advance', '3h']);
    expect(advanced.code).toBe(0);
    const after = await json(['tasks', 'show', String(batch.taskId)]);
    expect(after.taskStatus).not.toBe(1);
  });

  it('shows the funnel as text, JSON and CSV', async () => {
    const text = await run(['stats']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/requested\s+\d+/);
    expect(text.stdout).toContain('Per day');
    const doc = await json(['stats']);
    expect((doc.total as { requested: number }).requested).toBeGreaterThanOrEqual(31);
    const csv = await run(['stats', '--csv']);
    expect(csv.stdout.split('\n')[0]).toBe(
      'date,requested,accepted,delivered,opened,clicked,bounced,unsubscribed',
    );
  });

  it('shows the warm-up progress with a projection', async () => {
    const doc = await json(['warmup', '--volume', '5000']);
    // Day 1 is the day of the first send; the time travel above moves the emulated clock 3 hours,
    // which crosses midnight in the service's time zone when the tests run late in its day.
    const day = doc.day as number;
    expect([1, 2]).toContain(day);
    expect(doc).toMatchObject({ domain: DOMAIN, quota: quotaForDay(DEFAULT_WARMUP_PLAN, day) });
    expect((doc.projection as unknown[]).length).toBeGreaterThan(1);
    const text = await run(['warmup']);
    expect(text.stdout).toContain('◀ today');
  });
});

describe('lists of the remaining areas', () => {
  it('suppress add / list / remove', async () => {
    expect((await run(['suppress', 'add', 'bad@example.com'])).code).toBe(0);
    const list = await json(['suppress', 'list']);
    expect(list.items?.[0]).toMatchObject({ email: 'bad@example.com' });
    expect((await run(['suppress', 'remove', 'bad@example.com', '--yes'])).code).toBe(0);
  });

  it('takes several addresses as several, and says when some are not addresses', async () => {
    expect((await run(['suppress', 'add', 's1@example.com', 's2@example.com'])).code).toBe(0);
    const emails = async () =>
      ((await json(['suppress', 'list'])).items as { email: string }[]).map((i) => i.email).sort();
    expect(await emails()).toEqual(['s1@example.com', 's2@example.com']);
    // Keeping the address: only the expiry changes.
    const [first] = (await json(['suppress', 'list', '--email', 's1@example.com'])).items as { id: number }[];
    expect((await run(['suppress', 'update', String(first?.id), '--expires', '2099-01-01'])).code).toBe(0);
    expect((await json(['suppress', 'list', '--email', 's1@example.com'])).items).toMatchObject([
      { email: 's1@example.com', expireDate: '2099-01-01' },
    ]);
    expect((await run(['suppress', 'remove', 's1@example.com', 's2@example.com', '--yes'])).code).toBe(0);
    expect(await emails()).toEqual([]);
    expect((await run(['suppress', 'add', 'not-an-address'])).code).toBe(2);
    const partial = await run(['suppress', 'add', 's3@example.com', 'not-an-address', '--json']);
    expect(partial.code).toBe(4);
    expect(JSON.parse(partial.stdout)).toMatchObject({ validCount: 1, invalidCount: 1 });
    expect((await run(['suppress', 'remove', 's3@example.com', '--yes'])).code).toBe(0);
  });

  it('blacklist, unsubscribe-config and abuse answer', async () => {
    expect((await run(['blacklist', 'list'])).code).toBe(0);
    expect((await run(['unsubscribe-config', 'set', SENDER, '--language', '2'])).code).toBe(0);
    const configs = await json(['unsubscribe-config', 'list']);
    expect(configs.items?.[0]).toMatchObject({ address: SENDER, unsubscribeConfig: '2', status: 1 });
    expect((await run(['abuse'])).code).toBe(0);
  });

  it('config list shows sources; completion prints scripts', async () => {
    const config = await json(['config', 'list', '--backend', 'local']);
    expect(config.backend).toEqual({ value: 'local', source: 'flag' });
    expect(config.dataDir).toMatchObject({ source: 'env' });
    const bash = await run(['completion', 'bash']);
    expect(bash.stdout).toContain('complete -F _ses_cli ses-cli');
    expect(bash.stdout).toContain('"templates") words="list get create');
    expect((await run(['completion', 'fish'])).stdout).toContain('complete -c ses-cli');
  });

  it('configure writes the profile with 0600 and config list reads it back', async () => {
    const saved = await run([
      'configure',
      '--profile',
      'ci',
      '--backend',
      'tencent',
      '--region',
      'ap-hongkong',
    ]);
    expect(saved.code, saved.stderr).toBe(0);
    const config = await json(['config', 'list', '--profile', 'ci']);
    expect(config.backend).toEqual({ value: 'tencent', source: 'profile' });
    expect(config.region).toEqual({ value: 'ap-hongkong', source: 'profile' });
  });
});

describe('group names that are numbers', () => {
  it('are refused on create and explained on import', async () => {
    const created = await run(['groups', 'create', '12345']);
    expect(created.code).toBe(2);
    expect(created.stderr).toContain('read as a group id');
    writeFileSync(join(tmp.dir, 'one.csv'), 'email\nann@example.org\n');
    const imported = await run(['groups', 'import', '98765', join(tmp.dir, 'one.csv'), '--create']);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain('a number is taken as a group id');
  });
});

describe('warmup for a domain the account does not have', () => {
  it('is a usage error naming the known domains, not a made-up day 1', async () => {
    const result = await run(['warmup', '--domain', 'nosuch.example']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nosuch.example is not a sender domain');
  });
});

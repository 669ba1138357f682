import { type SpawnOptions, spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SesClient } from '@ses-cli/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIN, ensureBuilt } from './built.js';
import { tempDir } from './helpers.js';

// The CLI's own better-sqlite3 (its types live with @ses-cli/local), for the integrity check.
const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  path: string,
  options: { readonly: boolean },
) => { pragma(source: string, options: { simple: boolean }): unknown; close(): void };

// The CLI and `ses-cli serve` on one data directory at the same time (issue 6 §3): the emulator's
// scheduler delivers a batch while CLI processes and SDK calls through the emulator write too.
const tmp = tempDir();
const dataDir = join(tmp.dir, 'data');
const env: NodeJS.ProcessEnv = { ...process.env, SES_CLI_DATA_DIR: dataDir, NO_COLOR: '1', HOME: tmp.dir };
const KEYS = { secretId: 'AKIDLOCALSESEMULATOR000000000000', secretKey: 'localsesemulatorsecretkey0000000' };
let templateId = 0;
const BATCH = 400; // under day 1's warm-up quota (500), so the whole batch goes out today

function cli(
  args: string[],
  options: SpawnOptions = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, ...options });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function ok(args: string[]) {
  const result = await cli(args);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
}

beforeAll(async () => {
  ensureBuilt();
  await ok(['identities', 'create', 'mail.example.com']);
  await ok(['senders', 'create', 'hi@mail.example.com']);
  writeFileSync(join(tmp.dir, 'hello.txt'), 'Hello {{name}}');
  const created = await ok([
    'templates',
    'create',
    '--name',
    'hello',
    '--text',
    join(tmp.dir, 'hello.txt'),
    '--json',
  ]);
  templateId = Number((JSON.parse(created.stdout) as { id: number }).id);
  const rows = Array.from({ length: BATCH }, (_, i) => `batch${i}@example.org,Name ${i}`);
  writeFileSync(join(tmp.dir, 'list.csv'), `email,name\n${rows.join('\n')}\n`);
  await ok(['groups', 'import', 'list', join(tmp.dir, 'list.csv'), '--create', '--wait']);
}, 600_000);
afterAll(() => tmp.cleanup());

it('the CLI and serve share a data directory: every email delivered once, database intact', async () => {
  const serve = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--no-rate-limits'], { env });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    serve.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /listening on (http:\/\/[0-9.:]+)/.exec(log);
      if (match && log.includes('Ctrl-C')) resolve(match[1] as string);
    });
    serve.on('exit', () => reject(new Error(`serve exited early: ${log}`)));
  });
  const ses = new SesClient({ endpoint: url, credentials: KEYS, maxRetries: 0 });
  try {
    const send = (to: string) => ['send', '--from', 'hi@mail.example.com', '--to', to, '--subject', 'Hi'];
    const template = ['--template', 'hello', '--data', 'name=Ana'];
    // The batch is delivered by serve's scheduler while CLI processes and SDK calls write as well.
    const batch = await ok([
      'batch',
      '--from',
      'hi@mail.example.com',
      '--group',
      'list',
      '--subject',
      'Hi {{name}}',
      '--template',
      'hello',
      '--json',
    ]);
    const { taskId } = JSON.parse(batch.stdout) as { taskId: number };
    const cliSends = Array.from({ length: 8 }, (_, i) => ok([...send(`cli${i}@example.org`), ...template]));
    const sdkSends = Array.from({ length: 20 }, (_, i) =>
      ses.emails.send({
        from: 'hi@mail.example.com',
        to: [`sdk${i}@example.org`],
        subject: 'Hi',
        template: { id: templateId, data: { name: 'Ana' } },
      }),
    );
    const [sdkResults] = await Promise.all([Promise.allSettled(sdkSends), Promise.all(cliSends)]);
    const failed = sdkResults.filter((r) => r.status === 'rejected');
    expect(failed, JSON.stringify(failed)).toEqual([]);

    for (let i = 0; ; i++) {
      const task = (await ses.sendTasks.list()).items.find((t) => t.id === taskId);
      if (task?.status === 'finished') break;
      if (i > 400) throw new Error(`the batch did not finish: ${JSON.stringify(task)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await ses.close();
    const exited = new Promise((resolve) => serve.on('exit', resolve));
    serve.kill('SIGINT');
    await exited;
  }

  const files = readdirSync(join(dataDir, 'outbox')).filter((name) => name.endsWith('.eml'));
  expect(files).toHaveLength(BATCH + 8 + 20);
  const db = new Database(join(dataDir, 'ses.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
}, 120_000);

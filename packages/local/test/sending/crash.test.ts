import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import {
  addresses,
  createGroup,
  createHarness,
  type Harness,
  SENDER,
  START,
  setupSender,
  shanghaiDate,
} from './harness.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
// tsx (a devDependency of @ses-cli/local) runs the TypeScript child without a build.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const child = fileURLToPath(new URL('./fixtures/crash-child.ts', import.meta.url));

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
});

/** An immediate batch task of `templateId` to the group. */
const immediateBatch = (templateId: number, receiverId: number) => ({
  FromEmailAddress: SENDER,
  ReceiverId: receiverId,
  Subject: 'Hi {{name}}',
  TaskType: 1,
  Template: { TemplateID: templateId, TemplateData: '{}' },
});

/** Runs the child until it reported `killAfter` deliveries, then SIGKILLs it. */
function runAndKill(dataDir: string, killAfter: number): Promise<{ delivered: number; finished: boolean }> {
  return new Promise((resolve, reject) => {
    // The repo root's tsconfig maps @ses-cli/sdk to its sources for tsx.
    const proc = spawn(process.execPath, ['--import', tsx, child, dataDir, String(START)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let delivered = 0;
    let finished = false;
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      delivered += chunk.split('delivered').length - 1;
      if (chunk.includes('finished')) finished = true;
      if (delivered >= killAfter) proc.kill('SIGKILL');
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ delivered, finished });
    });
  });
}

it('a process killed mid-batch leaves exactly one .eml per recipient after the restart', async () => {
  const total = 1200;
  h = createHarness({ warmup: false });
  const templateId = await setupSender(h);
  const receiverId = await createGroup(h, addresses(total));
  const { TaskId } = (await h.call('BatchSendEmail', immediateBatch(templateId, receiverId))) as {
    TaskId: number;
  };
  const dir = h.dir;
  await h.backend.close();

  const killed = await runAndKill(dir, 250);
  expect(killed.finished).toBe(false);
  expect(killed.delivered).toBeGreaterThanOrEqual(250);
  expect(killed.delivered).toBeLessThan(total);

  // The kill left claimed rows half-done: delivered (or not) but never marked sent.
  const db = new Database(join(dir, 'ses.db'));
  const stuck = db.prepare("SELECT COUNT(*) FROM emails WHERE status = 'sending'").pluck().get() as number;
  db.close();
  expect(stuck).toBeGreaterThan(0);

  h = createHarness({ warmup: false }, dir);
  await h.backend.runDue();

  const files = h.outboxFiles();
  expect(files).toHaveLength(total);
  // Nor any temporary file the killed process was writing.
  expect(readdirSync(h.outbox).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  const recipients = files.map((file) => {
    const head = readFileSync(join(h?.outbox ?? '', file), 'latin1').slice(0, 4000);
    return /^To: (.+)$/m.exec(head)?.[1]?.trim();
  });
  expect(new Set(recipients).size).toBe(total);
  expect([...new Set(recipients)].sort()).toEqual([...addresses(total)].sort());

  const { Data } = (await h.call('ListSendTasks', { Offset: 0, Limit: 10 })) as {
    Data: Record<string, unknown>[];
  };
  expect(Data.find((t) => t['TaskId'] === TaskId)).toMatchObject({
    TaskStatus: 10,
    RequestCount: total,
    SendCount: total,
  });
  let delivered = 0;
  for (let offset = 0; offset < total; offset += 100) {
    const { EmailStatusList } = (await h.call('GetSendEmailStatus', {
      RequestDate: shanghaiDate(START),
      Offset: offset,
      Limit: 100,
    })) as { EmailStatusList: { DeliverStatus: number }[] };
    delivered += EmailStatusList.filter((s) => s.DeliverStatus === 1).length;
  }
  expect(delivered).toBe(total);
}, 120_000);

it('takes over a dead claim of its own PID namespace, but never judges another namespace by its PID', async () => {
  h = createHarness({ warmup: false });
  const templateId = await setupSender(h);
  const group = await createGroup(h, addresses(3));
  await h.call('BatchSendEmail', immediateBatch(templateId, group));
  await h.backend.runDue();
  const db = new Database(join(h.dir, 'ses.db'));
  const ids = db.prepare('SELECT id FROM emails ORDER BY id').pluck().all() as number[];
  // As if three processes had claimed one email each and vanished, a second ago.
  const claim = db.prepare(
    "UPDATE emails SET status = 'sending', claim_owner = ?, claim_at = ?, attempts = 1 WHERE id = ?",
  );
  const deadPid = 2 ** 22 + 1; // above Linux's pid_max: no such process here
  // The dead process was writing the first email's file when it died.
  const firstId = db.prepare('SELECT message_id FROM emails WHERE id = ?').pluck().get(ids[0]) as string;
  writeFileSync(join(h.outbox, `.${firstId}.0123456789ab.tmp`), 'half a message');
  claim.run(`${deadPid}:old-format`, Date.now() - 1000, ids[0]);
  // Another namespace's PID 1 and this process's own PID: alive or not, nothing can tell here.
  claim.run(`0000000000000000:1:other`, Date.now() - 1000, ids[1]);
  claim.run(`0000000000000000:${process.pid}:other`, Date.now() - 1000, ids[2]);
  db.close();
  await h.backend.runDue();
  const check = new Database(join(h.dir, 'ses.db'), { readonly: true });
  const states = check.prepare('SELECT status FROM emails ORDER BY id').pluck().all();
  check.close();
  expect(states).toEqual(['sent', 'sending', 'sending']);
  expect(readdirSync(h.outbox).filter((name) => name.endsWith('.tmp'))).toEqual([]);
});

import { rmSync } from 'node:fs';
import { SesClient } from '@ses-cli/sdk';
import { afterEach, expect, it } from 'vitest';
import { createLocalBackend, createOutboxTransport, DEFAULT_LOCAL_KEYS } from '../../src/index.js';
import { outboxRecipients, recipients, startBatch } from './batch-helpers.js';
import { startChild } from './child-process.js';
import { integrity, tempDir } from './storage.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

it('an emulator with its scheduler and a second process running due work deliver each email once', async () => {
  // Enough for five claims: a process holds at most two chunks at once (one composing, one being
  // delivered), so when the emulator's first delivery is seen, rows are still left for this one.
  const total = 2500;
  const dir = tempDir('two-processes');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));

  // Process 1: the emulator (scheduler every 20 ms), reporting each delivery; each takes 5 ms, and the batch
  // spans several claims (of at most 500 rows), so this process joins in while the batch runs.
  const child = startChild(['emulator', dir, '5']);
  cleanups.push(() => child.kill());
  const url = (await child.waitFor((line) => line.startsWith('url '), 25_000)).slice(4);
  const client = new SesClient({ endpoint: url, credentials: DEFAULT_LOCAL_KEYS, env: {}, maxRetries: 0 });
  cleanups.push(() => client.close());

  // Process 2 (this one): a backend on the same directory with its own counting transport.
  const outbox = createOutboxTransport(`${dir}/outbox`);
  const ours: string[] = [];
  const backend = createLocalBackend({
    dataDir: dir,
    warmup: false,
    transport: {
      kind: 'outbox',
      async deliver(message) {
        const receipt = await outbox.deliver(message);
        ours.push(message.id);
        return receipt;
      },
    },
  });
  cleanups.push(() => backend.close());

  // The batch is created over HTTP; then both processes work on it at once.
  const invoke = async (action: string, payload: Record<string, unknown>) =>
    (await client.invoke(action as never, payload as never)) as Record<string, unknown>;
  const taskId = await startBatch(invoke, total, () => backend.runDue());
  await child.waitFor((line) => line.startsWith('delivered '), 25_000);
  const errors: unknown[] = [];
  for (let i = 0; ; i++) {
    await backend.runDue().catch((error: unknown) => errors.push(error));
    const { Data } = await invoke('ListSendTasks', { Offset: 0, Limit: 10 });
    if (
      (Data as { TaskId: number; TaskStatus: number }[]).find((t) => t.TaskId === taskId)?.TaskStatus === 10
    )
      break;
    if (i > 2000) throw new Error('the batch never completed');
  }
  await child.kill();

  expect(errors).toEqual([]);
  expect(child.stderr()).not.toMatch(/SQLITE_BUSY|database is locked/);
  const theirs = child.lines.filter((line) => line.startsWith('delivered ')).map((line) => line.slice(10));
  // Both processes delivered part of the batch; no email id was delivered twice, by either process
  // or across them, and none was missed.
  expect(ours.length).toBeGreaterThan(0);
  expect(theirs.length).toBeGreaterThan(0);
  const all = [...ours, ...theirs];
  expect(new Set(all).size).toBe(all.length);
  expect(all).toHaveLength(total);
  const files = outboxRecipients(dir);
  expect(files).toHaveLength(total);
  expect([...files].sort()).toEqual([...recipients(total)].sort());
  expect(integrity(dir)).toBe('ok');
}, 60_000);

it('two processes moving emulated time forward at once lose no step', async () => {
  const dir = tempDir('two-clocks');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  createLocalBackend({ dataDir: dir }).close();
  const children = [startChild(['advance', dir, '3000']), startChild(['advance', dir, '3000'])];
  for (const child of children) cleanups.push(() => child.kill());
  for (const child of children) await child.waitFor((line) => line === 'finished', 60_000);
  const backend = createLocalBackend({ dataDir: dir, now: () => 0 });
  cleanups.push(() => backend.close());
  expect(backend.now().getTime()).toBe(6_000_000);
}, 90_000);

import { rmSync } from 'node:fs';
import { SesClient } from '@ses-cli/sdk';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_LOCAL_KEYS } from '../../src/index.js';
import { outboxRecipients, recipients, startBatch } from './batch-helpers.js';
import { startChild } from './child-process.js';
import { integrity, tempDir } from './storage.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

/** An emulator in a child process on `dir`, and our SDK pointed at it over HTTP. */
async function emulatorOn(dir: string) {
  const child = startChild(['emulator', dir]);
  cleanups.push(() => child.kill());
  const url = (await child.waitFor((line) => line.startsWith('url '), 25_000)).slice(4);
  const client = new SesClient({ endpoint: url, credentials: DEFAULT_LOCAL_KEYS, env: {}, maxRetries: 0 });
  cleanups.push(() => client.close());
  const invoke = async (action: string, payload: Record<string, unknown>) =>
    (await client.invoke(action as never, payload as never)) as Record<string, unknown>;
  return { child, invoke };
}

it('an emulator killed mid-batch loses and duplicates nothing after the restart', async () => {
  // Several delivery chunks (500 emails each), so the kill lands before the batch can finish.
  const total = 3000;
  const dir = tempDir('emulator-crash');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const first = await emulatorOn(dir);
  const taskId = await startBatch(first.invoke, total);
  // Let the scheduler deliver part of the batch, then pull the plug.
  let delivered = 0;
  const killed = new Promise<void>((resolve) => {
    first.child.onLine((line) => {
      if (line.startsWith('delivered ') && ++delivered === 60) {
        first.child.process.kill('SIGKILL');
        resolve();
      }
    });
  });
  await killed;
  await first.child.exited;
  expect(outboxRecipients(dir).length).toBeLessThan(total);

  const second = await emulatorOn(dir);
  for (let i = 0; ; i++) {
    const { Data } = await second.invoke('ListSendTasks', { Offset: 0, Limit: 10 });
    const task = (Data as { TaskId: number; TaskStatus: number }[]).find((t) => t.TaskId === taskId);
    if (task?.TaskStatus === 10) break;
    if (i > 600) throw new Error(`the batch never completed: ${JSON.stringify(task)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const { Data } = await second.invoke('ListSendTasks', { Offset: 0, Limit: 10 });
  expect((Data as Record<string, unknown>[]).find((t) => t['TaskId'] === taskId)).toMatchObject({
    RequestCount: total,
    SendCount: total,
  });
  await second.child.kill();
  const delivered2 = outboxRecipients(dir);
  expect(delivered2).toHaveLength(total);
  expect([...delivered2].sort()).toEqual([...recipients(total)].sort());
  expect(integrity(dir)).toBe('ok');
}, 60_000);

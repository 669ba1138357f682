import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { createLocalBackend } from '../../src/index.js';
import { integrity, tempDir } from './storage.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

it('a call waits for another process holding the write lock instead of failing with SQLITE_BUSY', async () => {
  const dir = tempDir('busy');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const backend = createLocalBackend({ dataDir: dir });
  cleanups.push(() => backend.close());
  const call = (action: string, payload: Record<string, unknown>) =>
    backend.invoke({ action, payload, region: '', attempt: 0 }).then((r) => r.payload);
  await call('CreateReceiver', { ReceiversName: 'before' });

  // Another OS process takes the write lock and keeps it for 1.5 s.
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `
    const db = new (require(${JSON.stringify(sqlite)}))(${JSON.stringify(join(dir, 'ses.db'))});
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO meta (key, value) VALUES ('other-process', 'x')").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1500);
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));

  // The write queues behind the lock (busy timeout) and then succeeds. better-sqlite3 is
  // synchronous, so the wait blocks this process's event loop: at most the busy timeout (5 s).
  const out = await call('CreateReceiver', { ReceiversName: 'during' });
  expect(out['ReceiverId']).toEqual(expect.any(Number));
  await exited;
  expect((await call('ListReceivers', { Offset: 0, Limit: 10 }))['TotalCount']).toBe(2);
  const db = new Database(join(dir, 'ses.db'), { readonly: true });
  expect(db.prepare("SELECT value FROM meta WHERE key = 'other-process'").pluck().get()).toBe('x');
  db.close();
  expect(integrity(dir)).toBe('ok');
}, 20_000);

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { createLocalBackend } from '../../src/index.js';
import { type Child, startChild } from './child-process.js';
import { integrity, tempDir } from './storage.js';

const PER_UPLOAD = 20_000;
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

it('SIGKILL in the middle of recipient imports leaves each upload applied once or not at all', async () => {
  const dir = tempDir('import-crash');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const setup = createLocalBackend({ dataDir: dir });
  // Kill points: while the first upload call is being handled, and right after the second one
  // started (by then the first may or may not be processed).
  const rounds = [
    { name: 'g0', killOn: 'begin 0', delayMs: 15 },
    { name: 'g1', killOn: 'begin 1', delayMs: 40 },
  ];
  const ids: number[] = [];
  for (const round of rounds) {
    const out = await setup.invoke({
      action: 'CreateReceiver',
      payload: { ReceiversName: round.name },
      region: '',
      attempt: 0,
    });
    ids.push(out.payload['ReceiverId'] as number);
  }
  await setup.close();

  const acked: number[] = [];
  for (const [index, round] of rounds.entries()) {
    const child: Child = startChild(['import', dir, String(ids[index]), round.name]);
    cleanups.push(() => child.kill());
    await child.waitFor((line) => line === round.killOn, 25_000);
    await new Promise((resolve) => setTimeout(resolve, round.delayMs));
    await child.kill();
    expect(child.lines).not.toContain('finished');
    acked.push(child.lines.filter((line) => line.startsWith('uploaded')).length);
  }

  // Restart: pending work completes, and every group holds whole uploads only, each once.
  expect(integrity(dir)).toBe('ok');
  const backend = createLocalBackend({ dataDir: dir });
  cleanups.push(() => backend.close());
  await backend.runDue();
  const db = new Database(join(dir, 'ses.db'), { readonly: true });
  cleanups.push(() => {
    db.close();
  });
  for (const [index, round] of rounds.entries()) {
    const id = ids[index];
    const { total, uniq } = db
      .prepare(
        'SELECT COUNT(*) AS total, COUNT(DISTINCT email) AS uniq FROM receiver_details WHERE receiver_id = ?',
      )
      .get(id) as { total: number; uniq: number };
    expect(uniq).toBe(total);
    expect(total % PER_UPLOAD).toBe(0);
    const uploads = total / PER_UPLOAD;
    // Everything acknowledged is there; at most the call in flight committed without its answer.
    expect(uploads).toBeGreaterThanOrEqual(acked[index] ?? 0);
    expect(uploads).toBeLessThanOrEqual((acked[index] ?? 0) + 1);
    for (let k = 0; k < uploads; k++) {
      const whole = db
        .prepare('SELECT COUNT(*) FROM receiver_details WHERE receiver_id = ? AND email LIKE ?')
        .pluck()
        .get(id, `${round.name}-u${k}-%`);
      expect(whole).toBe(PER_UPLOAD);
    }
    const group = db.prepare('SELECT status, pending_from FROM receivers WHERE id = ?').get(id);
    expect(group).toEqual({ status: uploads === 0 ? 1 : 3, pending_from: null });
  }
  expect(integrity(dir)).toBe('ok');
}, 60_000);

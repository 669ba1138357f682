import { afterEach, describe, expect, it } from 'vitest';
import { createLocalBackend } from '../../src/index.js';
import { openDatabase } from '../../src/store/database.js';
import { coreMigration } from '../../src/store/migrations/001-core.js';
import { migrations } from '../../src/store/migrations/index.js';
import { setup, T0, tempDataDir } from './helpers.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('recipient uploads: stored once, visible after runDue', () => {
  it('keeps each address with its own TemplateData when empty and long addresses are dropped', async () => {
    const env = setup();
    cleanups.push(() => env.teardown());
    const ReceiverId = (await env.invoke('CreateReceiver', { ReceiversName: 'g' }))['ReceiverId'] as number;
    const counts = await env.invoke('CreateReceiverDetailWithData', {
      ReceiverId,
      Datas: [
        { Email: ' ', TemplateData: '{"n":"empty"}' },
        { Email: 'a@example.com', TemplateData: '{"n":"a"}' },
        { Email: `${'x'.repeat(260)}@example.com`, TemplateData: '{"n":"long"}' },
        { Email: 'not-an-address', TemplateData: '{"n":"bad"}' },
        { Email: ' b@example.com ', TemplateData: '{"n":"b"}' },
      ],
    });
    expect(counts).toMatchObject({ TotalCount: 5, ValidCount: 2, EmptyEmailCount: 1, TooLongCount: 1 });
    // Stored by the call but hidden (count, list and iteration) until the upload is processed.
    const hidden = await env.ses.invoke('ListReceiverDetails', { ReceiverId, Offset: 0, Limit: 10 });
    expect(hidden).toMatchObject({ TotalCount: 0, ValidCount: 0, InvalidCount: 0 });
    expect((await env.ses.invoke('ListReceivers', { Offset: 0, Limit: 1 })).Data?.[0]).toMatchObject({
      Count: 0,
      InvalidCount: 0,
      ReceiversStatus: 2,
    });
    expect((await env.backend.runDue()).uploads).toBe(1);
    const details = await env.ses.invoke('ListReceiverDetails', { ReceiverId, Offset: 0, Limit: 10 });
    expect(details.Data?.map((d) => [d.Email, d.TemplateData, d.Status])).toEqual([
      ['a@example.com', '{"n":"a"}', 1],
      ['not-an-address', '{"n":"bad"}', 2],
      ['b@example.com', '{"n":"b"}', 1],
    ]);
    expect((await env.backend.runDue()).uploads).toBe(0);
    // A second upload appends after the first; the first stays visible while the second processes.
    await env.invoke('CreateReceiverDetailWithData', {
      ReceiverId,
      Datas: [{ Email: 'c@example.com', TemplateData: '{"n":"c"}' }],
    });
    const during = await env.ses.invoke('ListReceiverDetails', { ReceiverId, Offset: 0, Limit: 10 });
    expect(during.Data?.map((d) => d.Email)).toEqual(['a@example.com', 'not-an-address', 'b@example.com']);
    await env.backend.runDue();
    const after = await env.ses.invoke('ListReceiverDetails', { ReceiverId, Offset: 0, Limit: 10 });
    expect(after.Data?.map((d) => d.Email)).toEqual([
      'a@example.com',
      'not-an-address',
      'b@example.com',
      'c@example.com',
    ]);
  });

  it('completes each upload once when two backends run due work on one directory', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const a = createLocalBackend({ dataDir: dir, now: () => T0 });
    const b = createLocalBackend({ dataDir: dir, now: () => T0 });
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const call = (action: string, payload: Record<string, unknown>) =>
      a.invoke({ action, payload, region: '', attempt: 0 }).then((r) => r.payload);
    const ids: number[] = [];
    for (let g = 0; g < 3; g++) {
      const { ReceiverId } = await call('CreateReceiver', { ReceiversName: `g${g}` });
      ids.push(ReceiverId as number);
      const Emails = Array.from({ length: 2000 }, (_, i) => `u${i}@g${g}.example.com`);
      await call('CreateReceiverDetail', { ReceiverId, Emails });
    }
    const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ra.uploads + rb.uploads).toBe(3);
    const db = openDatabase(dir);
    cleanups.push(() => {
      db.close();
    });
    for (const id of ids) {
      expect(db.prepare('SELECT COUNT(*) FROM receiver_details WHERE receiver_id = ?').pluck().get(id)).toBe(
        2000,
      );
    }
    expect(db.prepare('SELECT COUNT(*) FROM receivers WHERE pending_from IS NOT NULL').pluck().get()).toBe(0);
    expect(db.prepare('SELECT DISTINCT status FROM receivers').pluck().all()).toEqual([3]);
  });

  it('completes uploads left pending by the earlier schema when it migrates', () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const old = openDatabase(dir, [coreMigration]);
    old.prepare("INSERT INTO receivers (id, name, status, created_at) VALUES (1, 'old', 2, 0)").run();
    old
      .prepare(
        "INSERT INTO receiver_details (receiver_id, email, status, pending, created_at) VALUES (1, 'a@example.com', 1, 1, 0)",
      )
      .run();
    old.close();
    const db = openDatabase(dir, migrations);
    cleanups.push(() => {
      db.close();
    });
    expect(db.prepare('SELECT status FROM receivers WHERE id = 1').pluck().get()).toBe(3);
    expect(db.prepare('SELECT pending FROM receiver_details').pluck().all()).toEqual([0]);
  });
});

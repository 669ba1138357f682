import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalBackend } from '../../src/index.js';
import { openDatabase, schemaVersion } from '../../src/store/database.js';
import { migrations } from '../../src/store/migrations/index.js';
import { b64, T0, tempDataDir } from './helpers.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const { dir, cleanup } = tempDataDir();
  cleanups.push(cleanup);
  return dir;
}

const invoke = (
  backend: ReturnType<typeof createLocalBackend>,
  action: string,
  payload: Record<string, unknown>,
) => backend.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 }).then((r) => r.payload);

describe('store', () => {
  it('applies migrations once, in WAL mode, and reopening is a no-op', () => {
    const dir = dataDir();
    const first = openDatabase(dir);
    expect(schemaVersion(first)).toBe(migrations.length);
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = first.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").pluck().get();
    first.close();
    const again = openDatabase(dir);
    expect(schemaVersion(again)).toBe(migrations.length);
    expect(again.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(
      tables,
    );
    again.close();
  });

  it('refuses a database from a newer schema', () => {
    const dir = dataDir();
    const db = openDatabase(dir);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openDatabase(dir)).toThrow(/newer/);
  });

  it('names the database by its canonical path, however the directory was spelled', () => {
    const dir = dataDir();
    const link = `${dir}-link`;
    symlinkSync(dir, link);
    cleanups.push(async () => rmSync(link, { force: true }));
    const direct = openDatabase(dir);
    const viaLink = openDatabase(`${link}/`);
    expect(viaLink.name).toBe(direct.name);
    direct.close();
    viaLink.close();
  });

  it('refuses a newer schema without touching its file (the journal mode stays)', () => {
    const dir = dataDir();
    const db = openDatabase(dir);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openDatabase(dir)).toThrow(/newer/);
    const again = new (createRequire(import.meta.url)('better-sqlite3'))(join(dir, 'ses.db'));
    expect(again.pragma('journal_mode', { simple: true })).toBe('delete');
    again.close();
  });

  it('names a damaged database file in a StorageError', () => {
    const dir = dataDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ses.db'), 'not a database at all, just text long enough to be read');
    expect(() => openDatabase(dir)).toThrow(
      expect.objectContaining({
        name: 'StorageError',
        problem: 'corrupt',
        message: expect.stringContaining(dir),
      }),
    );
  });

  it('answers calls to a closed backend with a ConfigError, not a bare Error', async () => {
    const backend = createLocalBackend({ dataDir: dataDir(), now: () => T0 });
    await backend.close();
    await expect(invoke(backend, 'ListEmailTemplates', { Offset: 0, Limit: 10 })).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringContaining('is closed'),
    });
    await expect(backend.runDue()).rejects.toMatchObject({ name: 'ConfigError' });
  });

  it('refuses a jump over a year, or a clock more than 100 years ahead, without moving it', async () => {
    const backend = createLocalBackend({ dataDir: dataDir(), now: () => T0 });
    cleanups.push(() => backend.close());
    expect(() => backend.advanceTime(367 * 86_400_000)).toThrow(RangeError);
    expect(() => backend.advanceTime(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
    expect(backend.now().getTime()).toBe(T0);
    let years = 0;
    expect(() => {
      for (; years < 101; years++) backend.advanceTime(366 * 86_400_000);
    }).toThrow(/100 years/);
    expect(years).toBe(100);
    expect(backend.now().getTime()).toBe(T0 + 100 * 366 * 86_400_000);
  });

  it('keeps data and the time-travel offset across close and reopen', async () => {
    const dir = dataDir();
    const one = createLocalBackend({ dataDir: dir, now: () => T0 });
    const { TemplateID } = await invoke(one, 'CreateEmailTemplate', {
      TemplateName: 't',
      TemplateContent: { Text: b64('x') },
    });
    one.advanceTime(2 * 86_400_000);
    expect(() => one.advanceTime(-1)).toThrow(RangeError);
    await one.close();
    const two = createLocalBackend({ dataDir: dir, now: () => T0 });
    cleanups.push(() => two.close());
    expect(two.now().getTime()).toBe(T0 + 2 * 86_400_000);
    expect(await invoke(two, 'GetEmailTemplate', { TemplateID })).toMatchObject({ TemplateName: 't' });
    await two.reset();
    expect(two.now().getTime()).toBe(T0);
    expect((await invoke(two, 'ListEmailTemplates', { Limit: 10, Offset: 0 }))['TotalCount']).toBe(0);
  });

  it('stays consistent with two backends and another process writing at once', async () => {
    const dir = dataDir();
    const a = createLocalBackend({ dataDir: dir, now: () => T0 });
    const b = createLocalBackend({ dataDir: dir, now: () => T0 });
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    // Another OS process hammering the same database with its own write transactions.
    const script = `
      const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
      const db = new Database(${JSON.stringify(join(dir, 'ses.db'))});
      db.pragma('busy_timeout = 5000');
      const put = db.transaction((i) => db.prepare("INSERT INTO meta (key, value) VALUES (?, 'x')").run('child-' + i));
      for (let i = 0; i < 300; i++) put.immediate(i);
      db.close();
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'inherit' });
    let childDone = false;
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        childDone = true;
        resolve(code);
      }),
    );
    // Keep both backends writing (interleaved) for as long as the child runs, and at least 40 rounds.
    let rounds = 0;
    const templateIds = new Set<unknown>();
    const receiverIds = new Set<unknown>();
    while (!childDone || rounds < 40) {
      const [t, r] = await Promise.all([
        invoke(a, 'CreateEmailTemplate', {
          TemplateName: `t${rounds}`,
          TemplateContent: { Text: b64(`${rounds}`) },
        }),
        invoke(b, 'CreateReceiver', { ReceiversName: `r${rounds}` }),
      ]);
      templateIds.add(t['TemplateID']);
      receiverIds.add(r['ReceiverId']);
      rounds += 1;
      // Engine calls settle in microtasks; yield a macrotask so the child's exit event can arrive.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await exited).toBe(0);
    expect(templateIds.size).toBe(rounds);
    expect(receiverIds.size).toBe(rounds);
    const db = openDatabase(dir);
    cleanups.push(() => {
      db.close();
    });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT COUNT(*) FROM templates').pluck().get()).toBe(rounds);
    expect(db.prepare('SELECT COUNT(*) FROM receivers').pluck().get()).toBe(rounds);
    expect(db.prepare("SELECT COUNT(*) FROM meta WHERE key LIKE 'child-%'").pluck().get()).toBe(300);
  });
});

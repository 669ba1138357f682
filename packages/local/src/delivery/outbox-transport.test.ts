import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createOutboxTransport, isSafeMessageId } from './outbox-transport.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ses-outbox-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const envelope = { from: 'news@mail.example.com', to: ['alice@example.org'] };
const id = 'qcloudses-30-4123414323-date-20210101094334-syNARhMTbKI1';

describe('deliverMany', () => {
  test('writes every message with its exact bytes, settles in input order, leaves no temporary files', async () => {
    const transport = createOutboxTransport(root);
    const messages = Array.from({ length: 57 }, (_, i) => ({
      id: `batch-${i}`,
      envelope,
      raw: Buffer.from(`Subject: ${i}\r\n\r\n${'x'.repeat(i * 97)}\r\n`),
    }));
    const results = (await transport.deliverMany?.(messages)) ?? [];
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.path : 'rejected'))).toEqual(
      messages.map((m) => join(root, `${m.id}.eml`)),
    );
    expect((await readdir(root)).sort()).toEqual(messages.map((m) => `${m.id}.eml`).sort());
    for (const message of messages)
      expect((await readFile(join(root, `${message.id}.eml`))).equals(message.raw)).toBe(true);
    await transport.close?.();
  });

  // A few messages are written directly, a batch's chunk by the delivery worker: both paths.
  test.each([0, 12])(
    'rejects only the messages that fail (unsafe id, blocked path); the others are written (+%i more)',
    async (more) => {
      const transport = createOutboxTransport(root);
      await mkdir(join(root, 'blocked.eml'));
      const extra = Array.from({ length: more }, (_, i) => ({
        id: `extra-${i}`,
        envelope,
        raw: Buffer.from(`${i}`),
      }));
      const results =
        (await transport.deliverMany?.([
          { id: 'first', envelope, raw: Buffer.from('1') },
          { id: '../escape', envelope, raw: Buffer.from('2') },
          { id: 'blocked', envelope, raw: Buffer.from('3') },
          { id: 'last', envelope, raw: Buffer.from('4') },
          ...extra,
        ])) ?? [];
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
        ...extra.map(() => 'fulfilled'),
      ]);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/not a safe file name/);
      expect(((results[2] as PromiseRejectedResult).reason as NodeJS.ErrnoException).code).toBeDefined();
      expect((await readdir(root)).sort()).toEqual(
        ['blocked.eml', 'first.eml', 'last.eml', ...extra.map((m) => `${m.id}.eml`)].sort(),
      );
      await transport.close?.();
    },
  );

  test('a transport closed and used again still writes; the same id replaces its file', async () => {
    const transport = createOutboxTransport(root);
    await transport.deliverMany?.([{ id: 'again', envelope, raw: Buffer.from('first') }]);
    await transport.close?.();
    const [result] =
      (await transport.deliverMany?.([{ id: 'again', envelope, raw: Buffer.from('second') }])) ?? [];
    expect(result?.status).toBe('fulfilled');
    expect(await readdir(root)).toEqual(['again.eml']);
    expect(await readFile(join(root, 'again.eml'), 'utf8')).toBe('second');
    await transport.close?.();
  });
});

describe('createOutboxTransport', () => {
  test('writes <id>.eml with the exact bytes, creating the directory', async () => {
    const dir = join(root, 'nested', 'outbox');
    const transport = createOutboxTransport(dir);
    const raw = Buffer.from('Subject: hi\r\n\r\nbody\r\n');
    const receipt = await transport.deliver({ id, envelope, raw });
    expect(receipt.path).toBe(join(dir, `${id}.eml`));
    expect((await readFile(join(dir, `${id}.eml`))).equals(raw)).toBe(true);
    expect(transport.kind).toBe('outbox');
    await transport.close?.();
  });

  test('writes an empty message as an empty file, and a large one whole', async () => {
    const transport = createOutboxTransport(root);
    const large = Buffer.alloc(3 * 1024 * 1024, 'x');
    await transport.deliver({ id: 'empty', envelope, raw: Buffer.alloc(0) });
    await transport.deliver({ id: 'large', envelope, raw: large });
    expect((await readFile(join(root, 'empty.eml'))).length).toBe(0);
    expect((await readFile(join(root, 'large.eml'))).equals(large)).toBe(true);
    expect((await readdir(root)).sort()).toEqual(['empty.eml', 'large.eml']);
  });

  test('the same id twice leaves one file holding the last write, and no temporary files', async () => {
    const transport = createOutboxTransport(root);
    await transport.deliver({ id, envelope, raw: Buffer.from('first') });
    await transport.deliver({ id, envelope, raw: Buffer.from('second') });
    expect(await readdir(root)).toEqual([`${id}.eml`]);
    expect(await readFile(join(root, `${id}.eml`), 'utf8')).toBe('second');
  });

  test('concurrent deliveries of many ids (and repeats) each land exactly once', async () => {
    const transport = createOutboxTransport(root);
    const ids = Array.from({ length: 30 }, (_, i) => `msg-${i}`);
    await Promise.all(
      [...ids, ...ids].map((msgId) => transport.deliver({ id: msgId, envelope, raw: Buffer.from(msgId) })),
    );
    const files = (await readdir(root)).sort();
    expect(files).toEqual(ids.map((msgId) => `${msgId}.eml`).sort());
    expect(await readFile(join(root, 'msg-7.eml'), 'utf8')).toBe('msg-7');
  });

  test('a failed write leaves no temporary file behind', async () => {
    const transport = createOutboxTransport(root);
    // A directory where the message should land makes the final rename fail.
    await mkdir(join(root, 'blocked.eml'));
    await expect(transport.deliver({ id: 'blocked', envelope, raw: Buffer.from('x') })).rejects.toThrow();
    expect(await readdir(root)).toEqual(['blocked.eml']);
  });

  test('recreates the directory after it was removed (reset)', async () => {
    const dir = join(root, 'outbox');
    const transport = createOutboxTransport(dir);
    await transport.deliver({ id: 'a', envelope, raw: Buffer.from('a') });
    await rm(dir, { recursive: true });
    await transport.deliver({ id: 'b', envelope, raw: Buffer.from('b') });
    expect(await readdir(dir)).toEqual(['b.eml']);
  });

  test.each(['../escape', '..', '.hidden', 'a/b', 'a\\b', '', 'x'.repeat(201), 'a\nb', 'a b', 'ok\u0000'])(
    'rejects the unsafe id %j and writes nothing',
    async (unsafe) => {
      const dir = join(root, 'outbox');
      const transport = createOutboxTransport(dir);
      await expect(transport.deliver({ id: unsafe, envelope, raw: Buffer.from('x') })).rejects.toThrow(
        /not a safe file name/,
      );
      expect(await readdir(root)).toEqual([]);
    },
  );

  test('isSafeMessageId accepts SES message ids and UUIDs', () => {
    expect(isSafeMessageId(id)).toBe(true);
    expect(isSafeMessageId('3c1f6b9e-1d2a-4c1b-9f00-123456789abc')).toBe(true);
    expect(isSafeMessageId('../x')).toBe(false);
  });

  test('deliverMany writes every message, settles each in order, and leaves no temporary file', async () => {
    const dir = join(root, 'outbox');
    const transport = createOutboxTransport(dir);
    const ids = Array.from({ length: 150 }, (_, i) => `batch-${i}`);
    const results = await transport.deliverMany?.([
      ...ids.map((msgId) => ({ id: msgId, envelope, raw: Buffer.from(`first ${msgId}`) })),
      { id: '../escape', envelope, raw: Buffer.from('x') },
      { id: 'batch-7', envelope, raw: Buffer.from('second batch-7') },
    ]);
    expect(results).toHaveLength(152);
    expect(results?.slice(0, 150).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results?.[0]).toEqual({ status: 'fulfilled', value: { path: join(dir, 'batch-0.eml') } });
    expect(results?.[150]).toMatchObject({ status: 'rejected', reason: { message: /not a safe file name/ } });
    expect(results?.[151]?.status).toBe('fulfilled');
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(ids.map((msgId) => `${msgId}.eml`).sort());
    expect(await readFile(join(dir, 'batch-3.eml'), 'utf8')).toBe('first batch-3');
    expect(['first batch-7', 'second batch-7']).toContain(await readFile(join(dir, 'batch-7.eml'), 'utf8'));
  });

  test('deliverMany reports a failed write for that message only', async () => {
    const transport = createOutboxTransport(root);
    await mkdir(join(root, 'blocked.eml'));
    const results = await transport.deliverMany?.([
      { id: 'blocked', envelope, raw: Buffer.from('x') },
      { id: 'fine', envelope, raw: Buffer.from('y') },
    ]);
    expect(results?.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((await readdir(root)).sort()).toEqual(['blocked.eml', 'fine.eml']);
  });
});

describe('discardPartial', () => {
  test("removes only the named messages' temporary files", async () => {
    const outbox = createOutboxTransport(join(root, 'outbox'));
    await outbox.deliver({
      id: 'kept',
      envelope: { from: 'a@x.example', to: ['b@y.example'] },
      raw: Buffer.from('x'),
    });
    for (const name of ['.gone.0123456789ab.tmp', '.gone.abcdef012345.tmp', '.other.0123456789ab.tmp']) {
      await writeFile(join(root, 'outbox', name), 'half');
    }
    await outbox.discardPartial?.(['gone', 'kept']);
    expect((await readdir(join(root, 'outbox'))).sort()).toEqual(['.other.0123456789ab.tmp', 'kept.eml']);
  });

  test('is a no-op before anything was written', async () => {
    await expect(createOutboxTransport(join(root, 'none')).discardPartial?.(['x'])).resolves.toBeUndefined();
  });
});

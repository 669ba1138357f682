import { execFile } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { type DeliveryJobs, DeliveryWorker, DeliveryWorkerError, WorkerKeys } from './delivery-worker.js';
import { OutboxWriter } from './outbox-writer.js';
import { SigningWorker } from './signing-worker.js';

const run = promisify(execFile);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });

describe('SigningWorker', () => {
  test('signs many items in batches, each answer matching crypto.sign for its own data and key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const worker = new SigningWorker();
    const items = Array.from({ length: 101 }, (_, i) => ({
      key: i % 3 === 0 ? other : privateKey,
      data: `item ${i} é`,
    }));
    const signatures = await Promise.all(items.map((item) => worker.sign(item.key, item.data)));
    items.forEach((item, i) => {
      const expected = sign('sha256', Buffer.from(item.data, 'latin1'), item.key).toString('base64');
      expect(signatures[i]).toBe(expected);
    });
    expect(
      verify(
        'sha256',
        Buffer.from('item 1 é', 'latin1'),
        createPublicKey(privateKey),
        Buffer.from(signatures[1] as string, 'base64'),
      ),
    ).toBe(true);
  });

  test('a key that cannot sign fails with a clear error; the next batch signs again', async () => {
    const worker = new SigningWorker();
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    await expect(worker.sign(ec, 'x')).rejects.toThrow(/DKIM signing failed/);
    expect(await worker.sign(privateKey, 'y')).toBe(
      sign('sha256', Buffer.from('y'), privateKey).toString('base64'),
    );
  });
});

describe('SigningWorker with a worker 128 signatures behind', () => {
  /** A delivery worker that counts the signatures sent to it. */
  class CountingWorker extends DeliveryWorker {
    signed = 0;
    override run<J extends keyof DeliveryJobs>(job: J, input: DeliveryJobs[J]['input']) {
      if (job === 'sign') this.signed += (input as DeliveryJobs['sign']['input']).items.length / 2;
      return super.run(job, input);
    }
  }
  const expected = (data: string, key = privateKey) =>
    sign('sha256', Buffer.from(data, 'latin1'), key).toString('base64');

  test('signs the next batches on the calling thread, each signature right', async () => {
    const worker = new CountingWorker();
    const signer = new SigningWorker(worker);
    const data = Array.from({ length: 200 }, (_, i) => `item ${i} é`);
    // All requested in one turn: four batches go to the worker, the rest is signed here.
    const signatures = await Promise.all(data.map((item) => signer.sign(privateKey, item)));
    expect(signatures).toEqual(data.map((item) => expected(item)));
    expect(worker.signed).toBe(128);
    // Once the worker has answered, batches go to it again.
    expect(await signer.sign(privateKey, 'later')).toBe(expected('later'));
    expect(worker.signed).toBe(129);
  });

  test('a key first seen by a batch signed here still reaches the worker with its next job', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const worker = new CountingWorker();
    const signer = new SigningWorker(worker);
    const first = Array.from({ length: 128 }, (_, i) => signer.sign(privateKey, `a${i}`));
    const here = Array.from({ length: 32 }, (_, i) => signer.sign(other, `b${i}`));
    await Promise.all([...first, ...here]);
    expect(worker.signed).toBe(128);
    // Without the key table sent again, the worker would not know `other`'s index.
    expect(await signer.sign(other, 'next')).toBe(expected('next', other));
    expect(worker.signed).toBe(129);
  });

  test('an item that cannot be signed here fails alone, with the same error as on the worker', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const signer = new SigningWorker(new CountingWorker());
    const first = Array.from({ length: 128 }, (_, i) => signer.sign(privateKey, `a${i}`));
    const [bad, good] = await Promise.allSettled([signer.sign(ec, 'bad'), signer.sign(privateKey, 'good')]);
    await Promise.all(first);
    expect(bad).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/DKIM signing failed/) },
    });
    expect(good).toEqual({ status: 'fulfilled', value: expected('good') });
  });
});

describe('DeliveryWorker', () => {
  const expected = (data: string) =>
    sign('sha256', Buffer.from(data, 'latin1'), privateKey).toString('base64');

  test('a worker that dies fails the jobs in flight; the next job starts a new worker, keys sent again', async () => {
    const worker = new DeliveryWorker();
    const signer = new SigningWorker(worker);
    expect(await signer.sign(privateKey, 'before')).toBe(expected('before'));
    // Input the program cannot handle throws inside the worker, which ends it.
    await expect(
      worker.run('write', { files: ['x', 'y'], bytes: undefined as never, ends: [1] }),
    ).rejects.toThrow(DeliveryWorkerError);
    expect(await signer.sign(privateKey, 'after')).toBe(expected('after'));
  });

  test('a job whose input cannot be sent fails alone; the worker goes on', async () => {
    const worker = new DeliveryWorker();
    const signer = new SigningWorker(worker);
    await signer.sign(privateKey, 'start');
    const job = worker.run('sign', { resetKeys: false, newKeys: [], items: [0, (() => 'x') as never] });
    await expect(job).rejects.toThrow(/could not be cloned/);
    expect(await signer.sign(privateKey, 'next')).toBe(expected('next'));
  });

  test('a key the worker never received fails as retryable, and the next batch sends it again', async () => {
    const worker = new DeliveryWorker();
    const signer = new SigningWorker(worker);
    await signer.sign(privateKey, 'start');
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    // As if the job carrying it had been lost: the table says the worker holds it.
    worker.keys.indexOf(other, []);
    await expect(signer.sign(other, 'lost')).rejects.toThrow(DeliveryWorkerError);
    expect(await signer.sign(other, 'again')).toBe(
      sign('sha256', Buffer.from('again'), other).toString('base64'),
    );
  });

  test('two signers on one worker share its key table', async () => {
    const worker = new DeliveryWorker();
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const [a, b] = await Promise.all([
      new SigningWorker(worker).sign(privateKey, 'a'),
      new SigningWorker(worker).sign(other, 'b'),
    ]);
    expect(a).toBe(expected('a'));
    expect(b).toBe(sign('sha256', Buffer.from('b'), other).toString('base64'));
  });

  test('one bad item fails alone; the rest of its batch is signed', async () => {
    const signer = new SigningWorker(new DeliveryWorker());
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const [good, bad, alsoGood] = await Promise.allSettled([
      signer.sign(privateKey, 'one'),
      signer.sign(ec, 'two'),
      signer.sign(privateKey, 'three'),
    ]);
    expect(good).toEqual({ status: 'fulfilled', value: expected('one') });
    expect(bad).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/DKIM signing failed/) },
    });
    expect((bad as PromiseRejectedResult).reason).not.toBeInstanceOf(DeliveryWorkerError);
    expect(alsoGood).toEqual({ status: 'fulfilled', value: expected('three') });
  });
});

describe('WorkerKeys', () => {
  test('indexes each key once; after 256 keys, or after forget, the table starts over', () => {
    const keys = new WorkerKeys();
    expect(keys.begin()).toBe(false);
    const objects = Array.from({ length: 256 }, () =>
      createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    );
    const sent: [number, unknown][] = [];
    for (const [i, key] of objects.entries()) expect(keys.indexOf(key, sent as never)).toBe(i);
    expect(keys.indexOf(objects[3] as never, sent as never)).toBe(3);
    expect(sent).toHaveLength(256);
    expect(keys.begin()).toBe(true);
    expect(keys.indexOf(objects[3] as never, [])).toBe(0);
    expect(keys.begin()).toBe(false);
    keys.forget();
    expect(keys.begin()).toBe(true);
  });
});

describe('OutboxWriter', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ses-writer-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('writes each file under its temporary name and renames it into place, bytes intact', async () => {
    const writer = new OutboxWriter();
    const files = Array.from({ length: 40 }, (_, i) => ({
      tmp: join(dir, `.m${i}.tmp`),
      path: join(dir, `m${i}.eml`),
      raw: Buffer.from(`message ${i} ${'z'.repeat(i * 311)}`),
    }));
    expect(await writer.write(files)).toEqual(files.map(() => undefined));
    expect((await readdir(dir)).sort()).toEqual(files.map((_, i) => `m${i}.eml`).sort());
    for (const file of files) expect((await readFile(file.path)).equals(file.raw)).toBe(true);
  });

  test('batch after batch (the shared buffer reused, larger or smaller), every file has its own bytes', async () => {
    const writer = new OutboxWriter();
    for (const [round, size] of [
      [0, 300_000],
      [1, 10],
      [2, 2_000_000],
      [3, 7],
    ] as const) {
      const files = Array.from({ length: 3 }, (_, i) => ({
        tmp: join(dir, `.r${round}-${i}.tmp`),
        path: join(dir, `r${round}-${i}.eml`),
        raw: Buffer.alloc(size + i, String.fromCharCode(97 + round + i)),
      }));
      expect(await writer.write(files)).toEqual([undefined, undefined, undefined]);
      for (const file of files) expect((await readFile(file.path)).equals(file.raw)).toBe(true);
    }
  });

  test('a chunk larger than a job goes over in several jobs, every file intact', async () => {
    const worker = new DeliveryWorker();
    const run = vi.spyOn(worker, 'run');
    const writer = new OutboxWriter(worker);
    const files = Array.from({ length: 4 }, (_, i) => ({
      tmp: join(dir, `.big${i}.tmp`),
      path: join(dir, `big${i}.eml`),
      raw: Buffer.alloc(3_000_000 + i, String.fromCharCode(65 + i)),
    }));
    expect(await writer.write(files)).toEqual([undefined, undefined, undefined, undefined]);
    expect(run.mock.calls.length).toBeGreaterThan(1);
    for (const file of files) expect((await readFile(file.path)).equals(file.raw)).toBe(true);
  });

  test('a worker that dies fails each of its files with a DeliveryWorkerError, not the whole call', async () => {
    const worker = new DeliveryWorker();
    vi.spyOn(worker, 'run').mockRejectedValue(
      new DeliveryWorkerError('the delivery worker thread exited (code 1)'),
    );
    const errors = await new OutboxWriter(worker).write([
      { tmp: join(dir, '.a.tmp'), path: join(dir, 'a.eml'), raw: Buffer.from('a') },
      { tmp: join(dir, '.b.tmp'), path: join(dir, 'b.eml'), raw: Buffer.from('b') },
    ]);
    expect(errors.map((error) => error instanceof DeliveryWorkerError)).toEqual([true, true]);
  });

  test('a file that fails reports its own error with the system code and leaves no temporary file', async () => {
    const writer = new OutboxWriter();
    await mkdir(join(dir, 'taken.eml'));
    const errors = await writer.write([
      { tmp: join(dir, '.a.tmp'), path: join(dir, 'a.eml'), raw: Buffer.from('a') },
      { tmp: join(dir, 'missing', '.b.tmp'), path: join(dir, 'missing', 'b.eml'), raw: Buffer.from('b') },
      { tmp: join(dir, '.c.tmp'), path: join(dir, 'taken.eml'), raw: Buffer.from('c') },
      { tmp: join(dir, '.d.tmp'), path: join(dir, 'd.eml'), raw: Buffer.from('d') },
    ]);
    expect(errors.map((error) => error?.code)).toEqual([undefined, 'ENOENT', 'EISDIR', undefined]);
    expect(errors[1]?.message).toMatch(/ENOENT/);
    expect((await readdir(dir)).sort()).toEqual(['a.eml', 'd.eml', 'taken.eml']);
  });
});

test('the delivery worker does not keep the process alive once its work is done', async () => {
  // A script that signs and writes once and then has nothing left to do must exit by itself.
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const dir = await mkdtemp(join(tmpdir(), 'ses-workers-exit-'));
  try {
    const script = `
      import { createPrivateKey } from 'node:crypto';
      import { join } from 'node:path';
      import { SigningWorker } from './src/delivery/signing-worker.ts';
      import { OutboxWriter } from './src/delivery/outbox-writer.ts';
      // Both share the process's one delivery worker.
      const signature = await new SigningWorker().sign(createPrivateKey(process.env.PEM), 'x');
      const [error] = await new OutboxWriter().write([{ tmp: join(process.env.DIR, '.x.tmp'), path: join(process.env.DIR, 'x.eml'), raw: Buffer.from(signature) }]);
      console.log(error === undefined ? 'done' : String(error));
    `;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, PEM: pem, DIR: dir },
      timeout: 20_000,
    });
    expect(stdout.trim()).toBe('done');
    expect(createPrivateKey(pem).asymmetricKeyType).toBe('rsa');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// The floor of the DKIM batch target: what a bare, hand-written pipeline reaches on this machine,
// against the RSA signing rate measured in the same run. Per email it does the least a batch must
// do: insert a row, render a two-part message (string concatenation), hash the body, sign with a
// 1024-bit key, write `<id>.eml` under a temporary name and rename it, mark the row sent. None of
// what the engine adds: no template engine, no quoted-printable, no tracking or unsubscribe links,
// no events, statistics, claims or frequency checks, no error handling. Compare its ratios with
// `local-batch.mjs` (bench/local.md). Usage: node bench/local-floor.mjs [emails=30000]
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import {
  close,
  closeSync,
  mkdirSync,
  mkdtempSync,
  open,
  openSync,
  rename,
  renameSync,
  rmSync,
  write,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Database, KEEP, ROOT } from './local/setup.mjs';

const n = Number(process.argv[2] ?? 30_000);
const CHUNK = 500;
const IN_FLIGHT = 64;
const [openAsync, writeAsync, closeAsync, renameAsync] = [open, write, close, rename].map(promisify);
const key = createPrivateKey(
  generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
);
const LOREM = 'Lorem ipsum dolor sit amet.\r\n'.repeat(20);

/** One recipient's message without its signature, and the bytes the signature covers. */
function render(index) {
  const token = randomBytes(16).toString('base64url');
  const name = `User ${index}`;
  const body =
    `--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello ${name}, your code is ${100_000 + index}.\r\n` +
    `--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><h1>Hello ${name}</h1><p>\r\n${LOREM}</p>\r\n` +
    `<a href="http://127.0.0.1:4599/t/click/${token}/0">See the offer</a></body></html>\r\n--b--\r\n`;
  const head =
    `From: Bench <news@mail.bench.example>\r\nTo: user${index}@example.net\r\nSubject: Hello ${name}\r\n` +
    `Message-ID: <${token}@mail.bench.example>\r\nDate: ${new Date().toUTCString()}\r\nMIME-Version: 1.0\r\n` +
    'Content-Type: multipart/alternative; boundary="b"';
  const bodyHash = createHash('sha256').update(body).digest('base64');
  const dkim =
    'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=mail.bench.example; s=bench; ' +
    `bh=${bodyHash}; h=from:to:subject:message-id:date:mime-version:content-type; b=`;
  return {
    name,
    head,
    body,
    dkim,
    signed: Buffer.from(`${head.toLowerCase()}\r\n${dkim.toLowerCase()}`, 'latin1'),
  };
}

const message = (m, signature) =>
  Buffer.from(`${m.dkim}${signature}\r\n${m.head}\r\n\r\n${m.body}`, 'latin1');
const signNow = (m) => sign('sha256', m.signed, key).toString('base64');
const signOnPool = (m) =>
  new Promise((resolve, reject) =>
    sign('sha256', m.signed, key, (error, signature) =>
      error ? reject(error) : resolve(signature.toString('base64')),
    ),
  );

function writeNow(dir, id, raw) {
  const tmp = join(dir, `.${id}.tmp`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeSync(fd, raw);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, `${id}.eml`));
}

async function writeOnPool(dir, id, raw) {
  const tmp = join(dir, `.${id}.tmp`);
  const fd = await openAsync(tmp, 'wx', 0o644);
  try {
    await writeAsync(fd, raw);
  } finally {
    await closeAsync(fd);
  }
  await renameAsync(tmp, join(dir, `${id}.eml`));
}

/**
 * One batch in a layout: `one-thread` (sign and write synchronously), `pool` (signatures and files
 * on libuv's thread pool, up to 64 in flight, the engine's layout), `pool-sign` (signatures on the
 * pool, files written synchronously), `no-dkim` (one thread, no signature).
 */
async function batch(layout, dataDir) {
  const outbox = join(dataDir, 'outbox');
  mkdirSync(outbox);
  const db = new Database(join(dataDir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE emails (id INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, to_address TEXT NOT NULL,
    template_data TEXT, subject TEXT, status TEXT NOT NULL, created_at INTEGER, sent_at INTEGER)`);
  const insert = db.prepare(
    'INSERT INTO emails (message_id, to_address, template_data, status, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const markSent = db.prepare("UPDATE emails SET status = 'sent', sent_at = ?, subject = ? WHERE id = ?");
  const enqueue = db.transaction((from, to) => {
    const rows = [];
    for (let index = from; index < to; index++) {
      const id = `floor-${Date.now()}-${randomBytes(6).toString('base64url')}`;
      const info = insert.run(
        id,
        `user${index}@example.net`,
        `{"name":"User ${index}"}`,
        'sending',
        Date.now(),
      );
      rows.push({ rowId: Number(info.lastInsertRowid), id, index });
    }
    return rows;
  });
  const finish = db.transaction((done) => {
    for (const { row, m } of done) markSent.run(Date.now(), `Hello ${m.name}`, row.rowId);
  });

  const cpu = process.cpuUsage();
  const start = performance.now();
  let writing;
  for (let from = 0; from < n; from += CHUNK) {
    const rows = enqueue(from, Math.min(n, from + CHUNK));
    if (layout !== 'pool' && layout !== 'pool-sign') {
      const done = rows.map((row) => {
        const m = render(row.index);
        writeNow(outbox, row.id, message(m, layout === 'no-dkim' ? '' : signNow(m)));
        return { row, m };
      });
      finish(done);
      continue;
    }
    const pending = [];
    for (const row of rows) {
      const m = render(row.index);
      pending.push(signOnPool(m).then((signature) => ({ row, m, raw: message(m, signature) })));
      if (pending.length > IN_FLIGHT) await pending[pending.length - 1 - IN_FLIGHT];
    }
    const done = await Promise.all(pending);
    // Like the engine: the next chunk is composed while this one is written.
    if (writing) await writing;
    if (layout === 'pool-sign') {
      for (const item of done) writeNow(outbox, item.row.id, item.raw);
      finish(done);
    } else {
      let next = 0;
      const writer = async () => {
        for (let i = next++; i < done.length; i = next++)
          await writeOnPool(outbox, done[i].row.id, done[i].raw);
      };
      writing = Promise.all(Array.from({ length: IN_FLIGHT }, writer)).then(() => finish(done));
    }
  }
  await writing;
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  db.close();
  return {
    emailsPerSecond: Math.round(n / seconds),
    cpuMicrosPerEmail: Math.round((used.user + used.system) / n),
  };
}

/** Synchronous signatures of a 64-byte input per wall second, for about a second (as local-batch.mjs). */
function signRate() {
  const data = Buffer.alloc(64, 7);
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    sign('sha256', data, key);
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

const dirs = [];
const results = {};
const signs = [];
for (const layout of ['one-thread', 'pool', 'pool-sign', 'no-dkim']) {
  const dir = mkdtempSync(join(ROOT, 'ses-floor-'));
  dirs.push(dir);
  signs.push(signRate());
  results[layout] = await batch(layout, dir);
}
signs.push(signRate());
const signsPerSecond = signs.reduce((a, b) => a + b) / signs.length;
for (const result of Object.values(results))
  result.ratioToSignRate = +(result.emailsPerSecond / signsPerSecond).toFixed(3);
console.log(
  JSON.stringify(
    { emails: n, keyBits: 1024, signsPerSecond: Math.round(signsPerSecond), ...results },
    null,
    2,
  ),
);
// Removed after all runs: deleting files slows the next creates (local/setup.mjs).
if (!KEEP) for (const dir of dirs) rmSync(dir, { recursive: true, force: true });

// Shared setup for the @ses-cli/local benchmarks: a backend on a temp dir with a verified domain,
// a sender, a template and a recipient group of N addresses with per-recipient TemplateData.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The build under test; `LOCAL_DIST=/path/to/dist/index.js` compares another build of it. */
const { createLocalBackend } = await import(
  process.env.LOCAL_DIST ?? new URL('../../packages/local/dist/index.js', import.meta.url).href
);

/** better-sqlite3, resolved from @ses-cli/local (the bench directory has no node_modules). */
export const Database = createRequire(new URL('../../packages/local/package.json', import.meta.url))(
  'better-sqlite3',
);

/**
 * Where the data directories go (default: the system temp directory), and `SES_BENCH_KEEP=1` to
 * leave them for the caller to remove after a series of runs. On ext4 without a journal, creating
 * a file in a block group where many files were deleted in the last minutes costs ~20× more
 * (the allocator reads and skips each recently freed inode): a shared /tmp, or the previous run's
 * clean-up, slows the outbox writes of the next run. See bench/local.md.
 */
export const ROOT = process.env.SES_BENCH_DIR ?? tmpdir();
export const KEEP = process.env.SES_BENCH_KEEP === '1';

export const DOMAIN = 'mail.bench.example';
export const SENDER = `news@${DOMAIN}`;

const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');

/** A fresh backend; `call(action, payload)` returns the wire payload. */
export function openBench(options = {}) {
  const dir = mkdtempSync(join(ROOT, 'ses-bench-'));
  const backend = createLocalBackend({ dataDir: dir, warmup: false, ...options });
  const call = async (action, payload) =>
    (await backend.invoke({ action, payload, region: '', attempt: 0 })).payload;
  return {
    dir,
    backend,
    call,
    /** `removeDir: false` leaves the directory for the caller to remove later (after the measured runs). */
    async close({ removeDir = true } = {}) {
      await backend.close();
      if (removeDir && !KEEP) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Domain (`DKIMOption` 0, the API's default, unless given), sender and an approved template with
 * three variables and a link; returns the template id.
 */
export async function setupSender({ call }, { dkimOption = 0 } = {}) {
  await call('CreateEmailIdentity', { EmailIdentity: DOMAIN, DKIMOption: dkimOption });
  await call('CreateEmailAddress', { EmailAddress: SENDER, EmailSenderName: 'Bench' });
  const html = `<html><body><h1>Hello {{name}}</h1><p>Your code is {{code}}. ${'Lorem ipsum dolor sit amet. '.repeat(20)}</p>
<p><a href="https://example.org/offer?c={{code}}">See the offer</a> or <a href="https://example.org/account">your account</a>.</p>
<p>Regards, {{team}}</p></body></html>`;
  const text = 'Hello {{name}}, your code is {{code}}. Regards, {{team}}';
  const { TemplateID } = await call('CreateEmailTemplate', {
    TemplateName: 'bench',
    TemplateContent: { Html: b64(html), Text: b64(text) },
  });
  return TemplateID;
}

/** Recipients `from` … `from + n - 1` with TemplateData. */
export function recipients(n, from = 0) {
  return Array.from({ length: n }, (_, k) => from + k).map((i) => ({
    Email: `user${i}@example.net`,
    TemplateData: JSON.stringify({ name: `User ${i}`, code: String(100000 + i), team: 'The bench team' }),
  }));
}

/** Creates a group and uploads `n` recipients; returns { receiverId, uploadMs } (upload call + processing). */
export async function uploadGroup(bench, n) {
  const { ReceiverId } = await bench.call('CreateReceiver', { ReceiversName: `group-${n}` });
  const start = performance.now();
  for (let i = 0; i < n; i += 20_000) {
    // One call's rows at a time, as a client uploading a large list would hold them: the whole
    // list built up front would count the benchmark's own data in the batch's peak RSS.
    const Datas = recipients(Math.min(20_000, n - i), i);
    await bench.call('CreateReceiverDetailWithData', { ReceiverId, Datas });
    // Uploads are asynchronous and a group takes one at a time: process this one before the next.
    await bench.backend.runDue();
  }
  return { receiverId: ReceiverId, uploadMs: performance.now() - start };
}

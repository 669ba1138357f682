// Batch delivery to the outbox: emails/s for an N-recipient templated task, with and without DKIM,
// next to the raw RSA signing rate of the domain's own key (same size) measured in the same run,
// right before and right after the DKIM batch. Wall-clock rates are what a user sees; CPU-time
// rates (emails per CPU-second of the whole process, thread pool included) are the robust figures
// on a shared machine. Usage: node bench/local-batch.mjs [recipients=50000] [--null-transport] [--dkim-2048]
// (build first: see bench/local.md). `--null-transport` is a diagnostic, not the target: the same
// batch with a transport that writes nothing, to separate the engine's cost from the outbox writes.
// `--dkim-2048` creates the domain with `DKIMOption` 1 (a 2048-bit key), for reference only: the
// target is measured with the API's default, `DKIMOption` 0 (a 1024-bit key).
import { createPrivateKey, sign } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Database, openBench, SENDER, setupSender, uploadGroup } from './local/setup.mjs';

const n = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 50_000);
const nullTransport = process.argv.includes('--null-transport');
const dkimOption = process.argv.includes('--dkim-2048') ? 1 : 0;
const transportOptions = nullTransport ? { transport: { kind: 'null', deliver: async () => ({}) } } : {};

/** Signs of a 64-byte digest input per wall second and per CPU second, for about a second. */
function rsaSignRate(pem) {
  const key = createPrivateKey(pem);
  const data = Buffer.alloc(64, 7);
  let count = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < 1000) {
    sign('sha256', data, key);
    count += 1;
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { wall: count / seconds, cpu: count / ((used.user + used.system) / 1e6) };
}

/** Data directories of finished runs, removed at the end: deleting files slows the next run's creates (local/setup.mjs). */
const finished = [];

async function run(dkim, recipients = n) {
  const bench = openBench(transportOptions);
  try {
    const templateId = await setupSender(bench, { dkimOption });
    const db = new Database(join(bench.dir, 'ses.db'));
    // The key the domain signs with: 1024 bits for DKIMOption 0, 2048 for 1.
    const key = db
      .prepare(
        `SELECT k.private_key AS pem, k.bits FROM dkim_keys k JOIN identities i ON i.domain = k.domain
         WHERE k.bits = CASE i.dkim_option WHEN 0 THEN 1024 ELSE 2048 END`,
      )
      .get();
    if (!dkim) db.prepare('DELETE FROM dkim_keys').run();
    db.close();
    const { receiverId } = await uploadGroup(bench, recipients);
    await bench.call('BatchSendEmail', {
      FromEmailAddress: SENDER,
      ReceiverId: receiverId,
      Subject: 'Hello {{name}}',
      TaskType: 1,
      Template: { TemplateID: templateId, TemplateData: '{}' },
      Unsubscribe: '2',
    });
    const signBefore = dkim ? rsaSignRate(key.pem) : undefined;
    const load = loadavg()[0];
    const cpu = process.cpuUsage();
    const start = performance.now();
    const report = await bench.backend.runDue();
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    if (report.emailsSent !== recipients) throw new Error(`sent ${report.emailsSent} of ${recipients}`);
    const signAfter = dkim ? rsaSignRate(key.pem) : undefined;
    const cpuSeconds = (used.user + used.system) / 1e6;
    return {
      seconds: +seconds.toFixed(2),
      emailsPerSecond: Math.round(n / seconds),
      cpuSeconds: +cpuSeconds.toFixed(2),
      systemCpuSeconds: +(used.system / 1e6).toFixed(2),
      emailsPerCpuSecond: Math.round(n / cpuSeconds),
      loadAverage1m: +load.toFixed(1),
      keyBits: key.bits,
      signs: signBefore && {
        perSecond: Math.round((signBefore.wall + signAfter.wall) / 2),
        perCpuSecond: Math.round((signBefore.cpu + signAfter.cpu) / 2),
      },
    };
  } finally {
    await bench.close({ removeDir: false });
    finished.push(bench.dir);
  }
}

// Warm-up (JIT, module loading) so neither measured run pays for it.
await run(true, 1000);
const withDkim = await run(true);
const withoutDkim = await run(false);
const { signs, ...dkimRun } = withDkim;
const { signs: _none, keyBits: _bits, ...plainRun } = withoutDkim;
console.log(
  JSON.stringify(
    {
      recipients: n,
      transport: nullTransport ? 'null (diagnostic)' : 'outbox',
      withDkim: dkimRun,
      rsaSigns: { keyBits: withDkim.keyBits, ...signs },
      dkimRatioToSignRate: +(withDkim.emailsPerSecond / signs.perSecond).toFixed(3),
      dkimRatioToSignRateCpu: +(withDkim.emailsPerCpuSecond / signs.perCpuSecond).toFixed(3),
      withoutDkim: plainRun,
      targets: { dkimRatio: '≥ 0.5', withoutDkim: '≥ 5000/s' },
    },
    null,
    2,
  ),
);
if (process.env.SES_BENCH_KEEP !== '1')
  for (const dir of finished) rmSync(dir, { recursive: true, force: true });

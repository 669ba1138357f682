// Peak RSS of a whole batch (upload + BatchSendEmail + delivery to the outbox), 10,000 vs 50,000
// recipients, each in a fresh process. Target ≤ 200 MB and flat.
// Usage: node bench/local-rss.mjs [sizes=10000,50000] [--no-dkim] [--live]
// `--live` is a diagnostic run instead: the heap still in use after a forced full GC, sampled every
// 250 ms of the batch (min and max), to tell memory held per recipient from garbage V8 lets pile up.
// The forced GCs change the peak RSS, so that run's peak is not the target figure.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === 'child') {
  const { Database, openBench, SENDER, setupSender, uploadGroup } = await import('./local/setup.mjs');
  const { join } = await import('node:path');
  const n = Number(process.argv[3]);
  const bench = openBench();
  const templateId = await setupSender(bench);
  if (process.argv[4] === '--no-dkim') {
    const db = new Database(join(bench.dir, 'ses.db'));
    db.prepare('DELETE FROM dkim_keys').run();
    db.close();
  }
  const { receiverId } = await uploadGroup(bench, n);
  await bench.call('BatchSendEmail', {
    FromEmailAddress: SENDER,
    ReceiverId: receiverId,
    Subject: 'Hello {{name}}',
    TaskType: 1,
    Template: { TemplateID: templateId, TemplateData: '{}' },
  });
  const live = [];
  const sampler = process.argv.includes('--live')
    ? setInterval(() => {
        globalThis.gc();
        live.push(process.memoryUsage().heapUsed / 2 ** 20);
      }, 250)
    : undefined;
  const report = await bench.backend.runDue();
  clearInterval(sampler);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  await bench.close();
  const liveHeapMb = live.length > 0 && {
    min: Math.round(Math.min(...live)),
    max: Math.round(Math.max(...live)),
    samples: live.length,
  };
  console.log(
    JSON.stringify({
      recipients: n,
      sent: report.emailsSent,
      maxRssMb: Math.round(maxRssMb),
      ...(liveHeapMb && { liveHeapMb }),
    }),
  );
} else {
  const self = fileURLToPath(import.meta.url);
  const sizes = (process.argv.slice(2).find((a) => /^\d/.test(a)) ?? '10000,50000').split(',').map(Number);
  const dkim = process.argv.includes('--no-dkim') ? ['--no-dkim'] : [];
  const live = process.argv.includes('--live');
  const results = sizes.map((n) => {
    const args = [
      ...(live ? ['--expose-gc'] : []),
      self,
      'child',
      String(n),
      ...dkim,
      ...(live ? ['--live'] : []),
    ];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout.trim().split('\n').at(-1));
  });
  console.log(JSON.stringify({ dkim: dkim.length === 0, results, target: '≤ 200 MB, flat' }, null, 2));
}

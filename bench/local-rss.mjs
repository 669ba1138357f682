// Peak RSS of a whole batch (upload + BatchSendEmail + delivery to the outbox), 10,000 vs 50,000
// recipients, each in a fresh process. Target ≤ 200 MB and flat.
// Usage: node bench/local-rss.mjs [sizes=10000,50000] [--no-dkim]
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
  const report = await bench.backend.runDue();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  await bench.close();
  console.log(JSON.stringify({ recipients: n, sent: report.emailsSent, maxRssMb: Math.round(maxRssMb) }));
} else {
  const self = fileURLToPath(import.meta.url);
  const sizes = (process.argv.slice(2).find((a) => /^\d/.test(a)) ?? '10000,50000').split(',').map(Number);
  const dkim = process.argv.includes('--no-dkim') ? ['--no-dkim'] : [];
  const results = sizes.map((n) => {
    const run = spawnSync(process.execPath, [self, 'child', String(n), ...dkim], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout.trim().split('\n').at(-1));
  });
  console.log(JSON.stringify({ dkim: dkim.length === 0, results, target: '≤ 200 MB, flat' }, null, 2));
}

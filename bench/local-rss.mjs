// Peak RSS of a whole batch (upload + BatchSendEmail + delivery to the outbox), 10,000 vs 50,000
// recipients, each in a fresh process. Target ≤ 200 MB and flat. Usage: node bench/local-rss.mjs
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === 'child') {
  const { openBench, SENDER, setupSender, uploadGroup } = await import('./local/setup.mjs');
  const n = Number(process.argv[3]);
  const bench = openBench();
  const templateId = await setupSender(bench);
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
  const results = [10_000, 50_000].map((n) => {
    const run = spawnSync(process.execPath, [self, 'child', String(n)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout.trim().split('\n').at(-1));
  });
  console.log(JSON.stringify({ results, target: '≤ 200 MB, flat' }, null, 2));
}

// Batch delivery to the outbox: emails/s for an N-recipient templated task, with and without DKIM,
// next to the raw RSA signing rate of the same key measured in the same run.
// Usage: node bench/local-batch.mjs [recipients=50000]   (build first: see bench/local.md)
import { createPrivateKey, sign } from 'node:crypto';
import { join } from 'node:path';
import { Database, openBench, SENDER, setupSender, uploadGroup } from './local/setup.mjs';

const n = Number(process.argv[2] ?? 50_000);

function rsaSignRate(pem) {
  const key = createPrivateKey(pem);
  const data = Buffer.alloc(64, 7);
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    sign('sha256', data, key);
    count += 1;
  }
  return (count * 1000) / (performance.now() - start);
}

async function run(dkim) {
  const bench = openBench();
  try {
    const templateId = await setupSender(bench);
    const db = new Database(join(bench.dir, 'ses.db'));
    const pem = db.prepare('SELECT private_key FROM dkim_keys LIMIT 1').pluck().get();
    if (!dkim) db.prepare('DELETE FROM dkim_keys').run();
    db.close();
    const { receiverId } = await uploadGroup(bench, n);
    await bench.call('BatchSendEmail', {
      FromEmailAddress: SENDER,
      ReceiverId: receiverId,
      Subject: 'Hello {{name}}',
      TaskType: 1,
      Template: { TemplateID: templateId, TemplateData: '{}' },
      Unsubscribe: '2',
    });
    const start = performance.now();
    const report = await bench.backend.runDue();
    const seconds = (performance.now() - start) / 1000;
    if (report.emailsSent !== n) throw new Error(`sent ${report.emailsSent} of ${n}`);
    return { rate: n / seconds, seconds, signRate: rsaSignRate(pem) };
  } finally {
    await bench.close();
  }
}

const withDkim = await run(true);
const withoutDkim = await run(false);
const result = {
  recipients: n,
  withDkim: { emailsPerSecond: Math.round(withDkim.rate), seconds: +withDkim.seconds.toFixed(2) },
  rsaSignsPerSecond: Math.round(withDkim.signRate),
  dkimRatioToSignRate: +(withDkim.rate / withDkim.signRate).toFixed(2),
  withoutDkim: { emailsPerSecond: Math.round(withoutDkim.rate), seconds: +withoutDkim.seconds.toFixed(2) },
  targets: { dkimRatio: '≥ 0.5', withoutDkim: '≥ 5000/s' },
};
console.log(JSON.stringify(result, null, 2));

// GetStatisticsReport over 1,000,000 status records spread over 30 days: time per call (target ≤ 50 ms).
// The records are seeded with SQL (the same rows the engine writes), and the per-day aggregate the
// engine maintains transactionally is derived from them. Usage: node bench/local-stats.mjs [records]
import { join } from 'node:path';
import { Database, DOMAIN, openBench } from './local/setup.mjs';

const records = Number(process.argv[2] ?? 1_000_000);
const bench = openBench({ now: () => Date.UTC(2026, 2, 31, 4) });
try {
  await bench.call('ListSendTasks', { Offset: 0, Limit: 1 }); // opens and migrates the database
  const db = new Database(join(bench.dir, 'ses.db'));
  const seedStart = performance.now();
  db.exec('BEGIN');
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
     INSERT INTO emails (message_id, smtp_message_id, from_address, from_email, sender_domain, to_address,
       to_domain, subject, status, send_status, deliver_status, request_time, request_date, token, opened, clicked)
     SELECT 'qcloudses-30-1-date-x-' || i, i || '@${DOMAIN}', 'news@${DOMAIN}', 'news@${DOMAIN}', '${DOMAIN}',
       'u' || i || '@' || (CASE i % 4 WHEN 0 THEN 'gmail.com' WHEN 1 THEN 'qq.com' WHEN 2 THEN 'outlook.com' ELSE 'example.net' END),
       (CASE i % 4 WHEN 0 THEN 'gmail.com' WHEN 1 THEN 'qq.com' WHEN 2 THEN 'outlook.com' ELSE 'example.net' END),
       'S', 'sent', 0, 1, 0, date('2026-03-01', '+' || (i % 30) || ' days'), 't' || i, i % 3 = 0, i % 7 = 0
     FROM n`,
  ).run(records);
  db.exec(`INSERT INTO daily_stats (date, sender_domain, recipient_domain, requests, accepted, delivered, opened, clicked)
           SELECT request_date, sender_domain, to_domain, COUNT(*), COUNT(*), SUM(deliver_status = 1), SUM(opened), SUM(clicked)
           FROM emails GROUP BY request_date, sender_domain, to_domain`);
  db.exec('COMMIT');
  db.close();
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const queries = [
    { StartDate: '2026-03-01', EndDate: '2026-03-30' },
    { StartDate: '2026-03-01', EndDate: '2026-03-30', Domain: DOMAIN },
    { StartDate: '2026-03-01', EndDate: '2026-03-30', ReceivingMailboxType: 'gmail.com' },
  ];
  const results = [];
  for (const query of queries) {
    await bench.call('GetStatisticsReport', query); // warm the statement
    const times = [];
    let report;
    for (let i = 0; i < 50; i++) {
      const start = performance.now();
      report = await bench.call('GetStatisticsReport', query);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    results.push({
      filter: Object.keys(query).slice(2).join('+') || 'none',
      requestCount: report.OverallVolume.RequestCount,
      medianMs: +times[25].toFixed(2),
      p95Ms: +times[47].toFixed(2),
    });
  }
  console.log(
    JSON.stringify({ records, seedSeconds: +seedSeconds.toFixed(1), results, target: '≤ 50 ms' }, null, 2),
  );
} finally {
  await bench.close();
}

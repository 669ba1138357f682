// Recipient upload: 50,000 rows with TemplateData through CreateReceiverDetailWithData (3 calls)
// plus the asynchronous processing that completes the group. Target ≤ 1 s.
// Usage: node bench/local-upload.mjs [rows]
import { openBench, uploadGroup } from './local/setup.mjs';

const n = Number(process.argv[2] ?? 50_000);
const runs = [];
for (let i = 0; i < 3; i++) {
  const bench = openBench();
  try {
    const { uploadMs } = await uploadGroup(bench, n);
    runs.push(+uploadMs.toFixed(0));
  } finally {
    await bench.close();
  }
}
console.log(
  JSON.stringify({ rows: n, runsMs: runs, bestMs: Math.min(...runs), target: '≤ 1000 ms' }, null, 2),
);

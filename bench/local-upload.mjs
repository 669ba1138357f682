// Recipient upload: 50,000 rows with TemplateData through CreateReceiverDetailWithData (20k + 20k + 10k)
// plus the asynchronous processing (runDue) that completes the group after each call — a group takes
// one upload at a time (OperationDenied.ReceiverIsOperating), as on the service. Target ≤ 1 s.
// Reports wall-clock time and the process's CPU time (user + system) over the same span, plus the
// 1-minute load average: the benchmark machine is shared, and CPU time is the steadier figure there.
// Usage: node bench/local-upload.mjs [rows=50000] [runs=5]
import { loadavg } from 'node:os';
import { openBench, recipients } from './local/setup.mjs';

const n = Number(process.argv[2] ?? 50_000);
const count = Number(process.argv[3] ?? 5);
const PER_CALL = 20_000;

/** One fresh group filled with `n` rows; returns { wallMs, cpuMs }. */
async function uploadOnce() {
  const bench = openBench();
  try {
    const { ReceiverId } = await bench.call('CreateReceiver', { ReceiversName: 'upload-bench' });
    const data = recipients(n);
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < n; i += PER_CALL) {
      await bench.call('CreateReceiverDetailWithData', { ReceiverId, Datas: data.slice(i, i + PER_CALL) });
      await bench.backend.runDue();
    }
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const { Data } = await bench.call('ListReceivers', { Offset: 0, Limit: 1 });
    if (Data[0].Count !== n || Data[0].ReceiversStatus !== 3) throw new Error('upload incomplete');
    return { wallMs, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    await bench.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const loadBefore = loadavg()[0];
const runs = [];
for (let i = 0; i < count; i++) runs.push(await uploadOnce());
const wall = runs.map((r) => Math.round(r.wallMs));
const cpu = runs.map((r) => Math.round(r.cpuMs));
console.log(
  JSON.stringify(
    {
      rows: n,
      wallMs: wall,
      cpuMs: cpu,
      bestWallMs: Math.min(...wall),
      medianWallMs: median(wall),
      medianCpuMs: median(cpu),
      target: '≤ 1000 ms',
      loadAverage1m: { before: +loadBefore.toFixed(2), after: +loadavg()[0].toFixed(2) },
      cores: (await import('node:os')).availableParallelism(),
    },
    null,
    2,
  ),
);

// SendEmail throughput of our SDK vs the official Tencent client vs a bare undici floor, against
// one loopback server; plus peak RSS for 10,000 sends. Not a test: run `pnpm --filter @ses-cli/sdk
// build` first. Each measurement runs in its own child process so heaps and JIT state don't mix;
// rounds are interleaved and the best round is kept, because a shared machine only ever makes a
// run slower, never faster.
//
// CPU placement. At c=1 the result depends on where the client runs relative to the server. On the
// server's CPU the two alternate, and a call costs both processes' CPU time. On the other CPU every
// call wakes an idle virtual CPU, which here doubles every client's CPU time per call, the floor's
// included. Left to the scheduler, runs landed in one placement or the other and disagreed by 2×.
// So when `taskset` is available the server is pinned to CPU 0, and c=1 is measured in both
// placements. c=64 is measured only with the client on CPU 1: both processes are busy there, so
// sharing a CPU would mostly measure the server's share.
// usage: node bench/sdk-throughput.mjs [durationMs] [rounds]
//   SDK_BENCH_SERVER=http   answer with the node:http server instead of the leaner node:net one
//   SDK_DIST=/abs/dist/index.js   measure another build of the SDK
import { execFile, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const durationMs = Number(process.argv[2] ?? 8000);
const rounds = Number(process.argv[3] ?? 3);
const KINDS = ['ours', 'backend', 'official', 'bare'];
const SERVER_CPU = '0';
const CLIENT_CPU = '1';
/** Pins only where `taskset` can place a process on each of the two CPUs used. */
const pinned = [SERVER_CPU, CLIENT_CPU].every(
  (cpu) => spawnSync('taskset', ['-c', cpu, 'true']).status === 0,
);
/** What each column measures: a concurrency, and the CPU the client is pinned to (none if unpinned). */
const COLUMNS = pinned
  ? [
      { label: "c=1, server's CPU", concurrency: 1, cpu: SERVER_CPU },
      { label: 'c=1, own CPU', concurrency: 1, cpu: CLIENT_CPU },
      { label: 'c=64, own CPU', concurrency: 64, cpu: CLIENT_CPU },
    ]
  : [
      { label: 'c=1', concurrency: 1 },
      { label: 'c=64', concurrency: 64 },
    ];

if (!existsSync(here('../packages/sdk/dist/index.js'))) {
  console.error('packages/sdk/dist is missing: run `pnpm --filter @ses-cli/sdk build` first');
  process.exit(1);
}

const serverKind = process.env.SDK_BENCH_SERVER === 'http' ? 'http' : 'net';
/** The command line that runs `args` with node, on `cpu` if given. */
const onCpu = (cpu, args) =>
  cpu ? ['taskset', ['-c', cpu, process.execPath, ...args]] : [process.execPath, args];
const server = spawn(...onCpu(pinned ? SERVER_CPU : undefined, [here('./sdk/server.mjs'), serverKind]), {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [chunk] = await once(server.stdout, 'data');
const origin = `http://127.0.0.1:${String(chunk).trim()}`;

async function child(cpu, script, args) {
  const { stdout } = await run(...onCpu(cpu, [here(script), ...args]), { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop());
}

const best = {};
const keep = (key, result) => {
  const prev = best[key];
  best[key] = {
    perSecond: Math.max(prev?.perSecond ?? 0, result.perSecond),
    cpu: Math.min(prev?.cpu ?? Number.POSITIVE_INFINITY, result.cpuMicrosPerCall ?? Number.POSITIVE_INFINITY),
  };
};

try {
  for (let round = 1; round <= rounds; round++) {
    for (const column of COLUMNS) {
      for (const kind of KINDS) {
        const result = await child(column.cpu, './sdk/client-run.mjs', [
          kind,
          String(column.concurrency),
          origin,
          String(durationMs),
        ]);
        keep(`${kind}@${column.label}`, result);
        console.error(
          `  round ${round} ${kind.padEnd(8)} ${column.label.padEnd(16)} ${result.perSecond.toFixed(0).padStart(6)} calls/s` +
            `  ${result.cpuMicrosPerCall.toFixed(0).padStart(5)} µs CPU/call`,
        );
      }
    }
  }
  const rssCpu = pinned ? CLIENT_CPU : undefined;
  const rss = [];
  for (const concurrency of [1, 64])
    rss.push(await child(rssCpu, './sdk/rss-run.mjs', [origin, String(concurrency), '10000']));

  const cell = (key) =>
    `${best[key].perSecond.toFixed(0).padStart(5)} (${best[key].cpu.toFixed(0).padStart(3)} µs)`.padStart(17);
  console.log(
    `\nSendEmail over loopback HTTP — best of ${rounds} × ${durationMs} ms; calls/s (client CPU per call)` +
      `\nNode ${process.version}, ${cpus().length} CPU(s), node:${serverKind} server` +
      `${pinned ? ` on CPU ${SERVER_CPU}, clients pinned as the columns say` : ', unpinned (taskset unavailable)'}, ` +
      `load average at the end ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}\n`,
  );
  console.log(`| ${'client'.padEnd(40)} |${COLUMNS.map((c) => ` ${c.label.padStart(17)} |`).join('')}`);
  console.log(`|${'-'.repeat(42)}|${COLUMNS.map(() => `${'-'.repeat(18)}:|`).join('')}`);
  const rows = [
    ['(a) @ses-cli/sdk SesClient + HttpBackend', 'ours'],
    ["(a') HttpBackend alone (no client layer)", 'backend'],
    ['(b) tencentcloud-sdk-nodejs-ses', 'official'],
    ['(c) bare undici + node:crypto (floor)', 'bare'],
  ];
  for (const [label, kind] of rows) {
    console.log(`| ${label.padEnd(40)} |${COLUMNS.map((c) => ` ${cell(`${kind}@${c.label}`)} |`).join('')}`);
  }
  const ratio = (a, b, column) =>
    best[`${a}@${column.label}`].perSecond / best[`${b}@${column.label}`].perSecond;
  const targets = COLUMNS.flatMap((column) => [
    [`ours / official, ${column.label}`, ratio('ours', 'official', column), column.concurrency === 1 ? 2 : 4],
    [`ours / floor, ${column.label}`, ratio('ours', 'bare', column), 0.8],
  ]);
  console.log('\n| throughput ratio                   | measured | target   |');
  console.log('|------------------------------------|---------:|----------|');
  for (const [label, value, target] of targets) {
    console.log(
      `| ${label.padEnd(34)} | ${`${value.toFixed(2)}×`.padStart(8)} | ≥ ${target}× ${value >= target ? '✓' : '✗'} |`,
    );
  }
  if (pinned) console.log(`\nPeak RSS with the client on CPU ${CLIENT_CPU}:`);
  console.log('\n| peak RSS, 10,000 sends through @ses-cli/sdk | after import | peak     | target     |');
  console.log('|---------------------------------------------|-------------:|---------:|------------|');
  for (const r of rss) {
    const ok = r.maxRssMb <= 110 ? '✓' : '✗';
    console.log(
      `| concurrency ${String(r.concurrency).padEnd(32)}| ${r.loadedMb.toFixed(1).padStart(9)} MB | ${r.maxRssMb.toFixed(1).padStart(5)} MB | ≤ 110 MB ${ok} |`,
    );
  }
} finally {
  server.kill('SIGTERM');
}

// SendEmail throughput of our SDK vs the official Tencent client vs a bare undici floor, against
// one loopback server; plus peak RSS for 10,000 sends. Not a test: run `pnpm --filter @ses-cli/sdk
// build` first. Each measurement runs in its own child process so heaps and JIT state don't mix;
// rounds are interleaved and the best round is kept, because a shared machine only ever makes a
// run slower, never faster.
// usage: node bench/sdk-throughput.mjs [durationMs] [rounds]
//   SDK_BENCH_SERVER=http   answer with the node:http server instead of the leaner node:net one
//   SDK_DIST=/abs/dist/index.js   measure another build of the SDK
import { execFile, spawn } from 'node:child_process';
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
const CONCURRENCIES = [1, 64];

if (!existsSync(here('../packages/sdk/dist/index.js'))) {
  console.error('packages/sdk/dist is missing: run `pnpm --filter @ses-cli/sdk build` first');
  process.exit(1);
}

const serverKind = process.env.SDK_BENCH_SERVER === 'http' ? 'http' : 'net';
const server = spawn(process.execPath, [here('./sdk/server.mjs'), serverKind], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [chunk] = await once(server.stdout, 'data');
const origin = `http://127.0.0.1:${String(chunk).trim()}`;

async function child(script, args) {
  const { stdout } = await run(process.execPath, [here(script), ...args], { maxBuffer: 1 << 20 });
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
    for (const concurrency of CONCURRENCIES) {
      for (const kind of KINDS) {
        const result = await child('./sdk/client-run.mjs', [
          kind,
          String(concurrency),
          origin,
          String(durationMs),
        ]);
        keep(`${kind}@${concurrency}`, result);
        console.error(
          `  round ${round} ${kind.padEnd(8)} c=${String(concurrency).padEnd(2)} ${result.perSecond.toFixed(0).padStart(6)} calls/s` +
            `  ${result.cpuMicrosPerCall.toFixed(0).padStart(5)} µs CPU/call`,
        );
      }
    }
  }
  const rss = [];
  for (const concurrency of [1, 64])
    rss.push(await child('./sdk/rss-run.mjs', [origin, String(concurrency), '10000']));

  const cell = (key) =>
    `${best[key].perSecond.toFixed(0).padStart(5)} (${best[key].cpu.toFixed(0).padStart(3)} µs)`;
  console.log(
    `\nSendEmail over loopback HTTP — best of ${rounds} × ${durationMs} ms; calls/s (client CPU per call)` +
      `\nNode ${process.version}, ${cpus().length} CPU(s), node:${serverKind} server, ` +
      `load average at the end ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}\n`,
  );
  console.log(`| ${'client'.padEnd(40)} |            c=1 |           c=64 |`);
  console.log(`|${'-'.repeat(42)}|---------------:|---------------:|`);
  const rows = [
    ['(a) @ses-cli/sdk SesClient + HttpBackend', 'ours'],
    ["(a') HttpBackend alone (no client layer)", 'backend'],
    ['(b) tencentcloud-sdk-nodejs-ses', 'official'],
    ['(c) bare undici + node:crypto (floor)', 'bare'],
  ];
  for (const [label, kind] of rows) {
    console.log(`| ${label.padEnd(40)} | ${cell(`${kind}@1`)} | ${cell(`${kind}@64`)} |`);
  }
  const ratio = (a, b, c) => best[`${a}@${c}`].perSecond / best[`${b}@${c}`].perSecond;
  const targets = [
    ['ours / official, c=1', ratio('ours', 'official', 1), 2],
    ['ours / official, c=64', ratio('ours', 'official', 64), 4],
    ['ours / floor, c=1', ratio('ours', 'bare', 1), 0.8],
    ['ours / floor, c=64', ratio('ours', 'bare', 64), 0.8],
  ];
  console.log('\n| throughput ratio       | measured | target   |');
  console.log('|------------------------|---------:|----------|');
  for (const [label, value, target] of targets) {
    console.log(
      `| ${label.padEnd(22)} | ${`${value.toFixed(2)}×`.padStart(8)} | ≥ ${target}× ${value >= target ? '✓' : '✗'} |`,
    );
  }
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

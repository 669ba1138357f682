// SendEmail throughput of our SDK vs the official Tencent client vs a bare undici floor, against
// one loopback server; plus peak RSS for 10,000 sends. Not a test: run `pnpm --filter @ses-cli/sdk
// build` first. Each measurement runs in its own child process so heaps and JIT state don't mix.
// usage: node bench/sdk-throughput.mjs [durationMs]
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const durationMs = Number(process.argv[2] ?? 5000);

if (!existsSync(here('../packages/sdk/dist/index.js'))) {
  console.error('packages/sdk/dist is missing: run `pnpm --filter @ses-cli/sdk build` first');
  process.exit(1);
}

const server = spawn(process.execPath, [here('./sdk/server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
const [chunk] = await once(server.stdout, 'data');
const origin = `http://127.0.0.1:${String(chunk).trim()}`;

async function child(script, args) {
  const { stdout } = await run(process.execPath, [here(script), ...args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop());
}

const results = {};
try {
  for (const concurrency of [1, 64]) {
    for (const kind of ['ours', 'official', 'bare']) {
      const result = await child('./sdk/client-run.mjs', [kind, String(concurrency), origin, String(durationMs)]);
      results[`${kind}@${concurrency}`] = result.perSecond;
      console.error(`  ${kind.padEnd(8)} c=${String(concurrency).padEnd(2)} ${result.perSecond.toFixed(0)} calls/s`);
    }
  }
  const rss = await child('./sdk/rss-run.mjs', [origin, '10000']);

  const fmt = (n) => n.toFixed(0).padStart(8);
  const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
  console.log(`\nSendEmail calls/second over loopback HTTP (${durationMs} ms per run, Node ${process.version})\n`);
  console.log('| client                              |      c=1 |     c=64 |');
  console.log('|-------------------------------------|---------:|---------:|');
  const rows = [
    ['(a) @ses-cli/sdk SesClient+HttpBackend', 'ours'],
    ['(b) tencentcloud-sdk-nodejs-ses', 'official'],
    ['(c) bare undici + node:crypto (floor)', 'bare'],
  ];
  for (const [label, kind] of rows) {
    console.log(`| ${label.padEnd(35)} | ${fmt(results[`${kind}@1`])} | ${fmt(results[`${kind}@64`])} |`);
  }
  const targets = [
    ['ours / official, c=1', results['ours@1'] / results['official@1'], 2],
    ['ours / official, c=64', results['ours@64'] / results['official@64'], 4],
    ['ours / floor, c=1', results['ours@1'] / results['bare@1'], 0.8],
    ['ours / floor, c=64', results['ours@64'] / results['bare@64'], 0.8],
  ];
  console.log('\n| ratio                  | measured | target |');
  console.log('|------------------------|---------:|-------:|');
  for (const [label, value, target] of targets) {
    console.log(`| ${label.padEnd(22)} | ${ratio(value, 1).padStart(8)} | ≥ ${target}× ${value >= target ? '✓' : '✗'} |`);
  }
  console.log(
    `\nPeak RSS for ${rss.sends} sends through @ses-cli/sdk (c=64): ${rss.maxRssMb.toFixed(1)} MB (target ≤ 110 MB) ${rss.maxRssMb <= 110 ? '✓' : '✗'}`,
  );
} finally {
  server.kill('SIGTERM');
}

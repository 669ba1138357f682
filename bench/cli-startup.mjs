#!/usr/bin/env node
// CLI start-up and import benchmark. Run after `pnpm build`:  node bench/cli-startup.mjs [runs]
// Start-up is measured side by side with `node -e 0`, interleaved, and reported as median ratios.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const runs = Number(process.argv[2] ?? 21);
const dir = mkdtempSync(join(tmpdir(), 'ses-cli-bench-'));
const env = { ...process.env, SES_CLI_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' };

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// Warm the file cache and create the database once, so every measured run does the same work.
time([bin, 'templates', 'list', '--backend', 'local']);
const cases = {
  'node -e 0': ['-e', '0'],
  'ses-cli --help': [bin, '--help'],
  'ses-cli templates list --backend local': [bin, 'templates', 'list', '--backend', 'local'],
};
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const ratios = { 'ses-cli --help': [], 'ses-cli templates list --backend local': [] };
for (let i = 0; i < runs; i++) {
  const base = time(cases['node -e 0']);
  samples['node -e 0'].push(base);
  for (const name of Object.keys(ratios)) {
    const ms = time(cases[name]);
    samples[name].push(ms);
    ratios[name].push(ms / base);
  }
}
console.log(`start-up, ${runs} interleaved runs (median)`);
for (const [name, xs] of Object.entries(samples)) {
  const ratio = ratios[name] ? `  ${median(ratios[name]).toFixed(2)}× node -e 0` : '';
  console.log(`  ${name.padEnd(42)} ${median(xs).toFixed(1).padStart(7)} ms${ratio}`);
}

// groups import: CSVs of 10,000 to 50,000 rows (a group's maximum) with two template variables, each
// into a fresh group. Memory is flat when the peak stops growing with the row count.
function importRun(rows) {
  const file = join(dir, `list-${rows}.csv`);
  const lines = ['email,name,code'];
  for (let i = 0; i < rows; i++) lines.push(`user${i}@example.com,User ${i},C${i}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const start = process.hrtime.bigint();
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, bin, 'groups', 'import', `bench-${rows}`, file, '--create', '--json'],
    {
      env,
      encoding: 'utf8',
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`import exited ${result.status}: ${result.stderr}`);
  const maxRssKb = Number(result.stderr.trim().split('\n').pop());
  return { rows, ms, maxRssMb: maxRssKb / 1024 };
}
console.log('groups import (CSV → local backend, wall time incl. process start, peak RSS)');
for (const rows of [10_000, 20_000, 30_000, 40_000, 50_000]) {
  const r = importRun(rows);
  console.log(
    `  ${String(rows).padStart(6)} rows  ${(r.ms / 1000).toFixed(2)} s  peak RSS ${r.maxRssMb.toFixed(0)} MB`,
  );
}
rmSync(dir, { recursive: true, force: true });

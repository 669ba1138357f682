// Runs every benchmark in bench/ (or only those named: `node bench/run.mjs sdk-throughput`) one after
// another, each in its own process with inherited stdio, so one benchmark's heap cannot skew the next.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(dir)
  .filter((file) => file.endsWith('.mjs') && file !== basename(fileURLToPath(import.meta.url)))
  .sort();
const wanted = process.argv.slice(2).map((name) => (name.endsWith('.mjs') ? name : `${name}.mjs`));
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${all.join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const file of wanted.length > 0 ? wanted : all) {
  console.log(`\n=== ${file} ===`);
  const { status, signal } = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
  if (status !== 0) {
    failed++;
    console.error(`${file} failed (${signal ?? `exit ${status}`})`);
  }
}
process.exit(failed > 0 ? 1 : 0);

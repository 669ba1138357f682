// Emulator throughput: GetEmailTemplate and SendEmail (rate limits off) driven by our SDK at
// concurrency 64, side by side with the bare loopback server of the SDK benchmark (a canned
// envelope, no work: the floor) in the same run. Not a test: run `pnpm -r build` first.
// usage: node bench/emulator-throughput.mjs [durationMs]
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const durationMs = Number(process.argv[2] ?? 5000);
const CONCURRENCY = 64;
const READ_TARGET = 0.25;

for (const pkg of ['sdk', 'local']) {
  if (!existsSync(here(`../packages/${pkg}/dist/index.js`))) {
    console.error(`packages/${pkg}/dist is missing: run \`pnpm -r build\` first`);
    process.exit(1);
  }
}

/** Starts a server script in its own process and returns its first stdout line. */
async function serve(script) {
  const child = spawn(process.execPath, [here(script)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = await once(child.stdout, 'data');
  return { child, line: String(chunk).trim() };
}

async function drive(action, origin, templateId) {
  const args = [
    here('./emulator/client-run.mjs'),
    action,
    origin,
    String(templateId),
    String(CONCURRENCY),
    String(durationMs),
  ];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()).perSecond;
}

const floor = await serve('./sdk/server.mjs');
const emulator = await serve('./emulator/server.mjs');
const floorOrigin = `http://127.0.0.1:${floor.line}`;
const { port, templateId } = JSON.parse(emulator.line);
const emulatorOrigin = `http://127.0.0.1:${port}`;

const results = {};
try {
  for (const action of ['GetEmailTemplate', 'SendEmail']) {
    results[`floor ${action}`] = await drive(action, floorOrigin, templateId);
    console.error(`  floor    ${action.padEnd(16)} ${results[`floor ${action}`].toFixed(0)} calls/s`);
    results[`emulator ${action}`] = await drive(action, emulatorOrigin, templateId);
    console.error(`  emulator ${action.padEnd(16)} ${results[`emulator ${action}`].toFixed(0)} calls/s`);
  }
} finally {
  floor.child.kill('SIGTERM');
  emulator.child.kill('SIGTERM');
}

const fmt = (n) => n.toFixed(0).padStart(8);
console.log(
  `\nCalls/second through @ses-cli/sdk (HttpBackend, c=${CONCURRENCY}, ${durationMs} ms per run, Node ${process.version})\n`,
);
console.log('| action           | bare server (floor) | emulator | emulator / floor | target |');
console.log('|------------------|--------------------:|---------:|-----------------:|-------:|');
for (const action of ['GetEmailTemplate', 'SendEmail']) {
  const ratio = results[`emulator ${action}`] / results[`floor ${action}`];
  const target =
    action === 'GetEmailTemplate' ? `≥ ${READ_TARGET}× ${ratio >= READ_TARGET ? '✓' : '✗'}` : 'report';
  console.log(
    `| ${action.padEnd(16)} | ${fmt(results[`floor ${action}`]).padStart(19)} | ${fmt(results[`emulator ${action}`])} | ${`${ratio.toFixed(2)}×`.padStart(16)} | ${target} |`,
  );
}

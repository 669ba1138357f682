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

async function drive(action, origin, templateId, ms = durationMs) {
  const args = [
    here('./emulator/client-run.mjs'),
    action,
    origin,
    String(templateId),
    String(CONCURRENCY),
    String(ms),
  ];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()).perSecond;
}

const floor = await serve('./sdk/server.mjs');
const emulator = await serve('./emulator/server.mjs');
const floorOrigin = `http://127.0.0.1:${floor.line}`;
const { port, templateId } = JSON.parse(emulator.line);
const emulatorOrigin = `http://127.0.0.1:${port}`;

// Floor and emulator runs alternate, several rounds each, and the medians are compared: on a shared
// machine the load changes from one run to the next, and this keeps it from favouring either side.
const ROUNDS = 3;
const WARMUP_MS = Math.max(durationMs, 5000);
const ACTIONS = ['GetEmailTemplate', 'SendEmail'];
const runs = {};
try {
  for (const action of ACTIONS) {
    // The servers stay up across runs, so warm both up first: V8 optimises the emulator's much larger
    // request path only after thousands of calls, and a cold first run would measure the JIT instead.
    for (const origin of [floorOrigin, emulatorOrigin]) await drive(action, origin, templateId, WARMUP_MS);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [side, origin] of [
        ['floor', floorOrigin],
        ['emulator', emulatorOrigin],
      ]) {
        const perSecond = await drive(action, origin, templateId);
        const key = `${side} ${action}`;
        runs[key] = [...(runs[key] ?? []), perSecond];
        console.error(
          `  ${side.padEnd(8)} ${action.padEnd(16)} round ${round + 1}: ${perSecond.toFixed(0)} calls/s`,
        );
      }
    }
  }
} finally {
  floor.child.kill('SIGTERM');
  emulator.child.kill('SIGTERM');
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n) => n.toFixed(0).padStart(8);
console.log(
  `\nCalls/second through @ses-cli/sdk (HttpBackend, c=${CONCURRENCY}; after ${WARMUP_MS} ms of warm-up, median of ${ROUNDS} alternating runs of ${durationMs} ms; Node ${process.version})\n`,
);
console.log('| action           | bare server (floor) | emulator | emulator / floor | target |');
console.log('|------------------|--------------------:|---------:|-----------------:|-------:|');
for (const action of ACTIONS) {
  const floorRate = median(runs[`floor ${action}`]);
  const emulatorRate = median(runs[`emulator ${action}`]);
  const ratio = emulatorRate / floorRate;
  const target =
    action === 'GetEmailTemplate' ? `≥ ${READ_TARGET}× ${ratio >= READ_TARGET ? '✓' : '✗'}` : 'report';
  console.log(
    `| ${action.padEnd(16)} | ${fmt(floorRate).padStart(19)} | ${fmt(emulatorRate)} | ${`${ratio.toFixed(2)}×`.padStart(16)} | ${target} |`,
  );
}

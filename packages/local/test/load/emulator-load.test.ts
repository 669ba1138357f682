import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startEmulator } from '@ses-cli/local';
import { expect, it } from 'vitest';

/** Sustained load for this long (the issue asks for at least 60 s). */
const DURATION_MS = Number(process.env.SES_LOAD_MS ?? 60_000);
/** A hard cap on calls, so a very fast machine still ends. */
const MAX_REQUESTS = 200_000;
const CONCURRENCY = 8;
/**
 * Memory must stay flat: RSS at the end may exceed RSS after the warm-up by at most this much
 * (SQLite's page cache and V8's heap settle in the first seconds; a leak per request would not).
 */
const RSS_BOUND_MB = 64;
const WARM_UP_MS = 10_000;
/** Live JS heap after a full GC may grow by at most this much between the warm-up and the end. */
const HEAP_BOUND_MB = 8;

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const driver = fileURLToPath(new URL('./load-driver.ts', import.meta.url));
/** The live JS heap after a full collection: what a leak of objects would grow. */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

interface DriverReport {
  durationMs: number;
  requests: number;
  reads: number;
  sends: number;
  distinctMessageIds: number;
  rateLimitedAttempts: number;
  errors: Record<string, number>;
}

it('the emulator serves a separate process sending and reading for 60 s: no errors, memory flat', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ses-load-'));
  // Rate limits OFF: at the documented 20/s per action the emulator would mostly idle; off, it is
  // pushed as hard as one driver process can, which is what finds leaks. Warm-up off, so every
  // accepted send is delivered at once.
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    rateLimits: false,
    schedulerIntervalMs: 1000,
    backendOptions: { warmup: false, timeZone: 'UTC' },
  });
  try {
    const direct = (action: string, payload: Record<string, unknown>) =>
      emulator.backend.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 });
    await direct('CreateEmailIdentity', { EmailIdentity: 'mail.example.com' });
    await direct('CreateEmailAddress', { EmailAddress: 'load@mail.example.com', EmailSenderName: 'Load' });
    const template = await direct('CreateEmailTemplate', {
      TemplateName: 'load',
      TemplateContent: {
        Html: Buffer.from('<p>Hello {{name}}, <a href="https://example.com/x">link</a></p>').toString(
          'base64',
        ),
        Text: Buffer.from('Hello {{name}}').toString('base64'),
      },
    });

    const rssStart = process.memoryUsage().rss;
    let rssWarm = 0;
    let heapWarm = 0;
    let rssPeak = rssStart;
    const series: number[] = [];
    const sampler = setInterval(() => {
      const { rss } = process.memoryUsage();
      rssPeak = Math.max(rssPeak, rss);
      if (series.length < 200) series.push(mb(rss));
    }, 500);
    const warmTimer = setTimeout(() => {
      rssWarm = process.memoryUsage().rss;
      heapWarm = heapAfterGc();
    }, WARM_UP_MS);

    const report = await new Promise<DriverReport>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          tsx,
          driver,
          emulator.url,
          String(DURATION_MS),
          String(MAX_REQUESTS),
          String(CONCURRENCY),
          String(template.payload.TemplateID),
          'load@mail.example.com',
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      child.on('error', reject);
      child.on('exit', (code) => {
        if (code !== 0) reject(new Error(`load driver failed (${code}): ${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as DriverReport);
      });
    });
    clearInterval(sampler);
    clearTimeout(warmTimer);
    const rssEnd = process.memoryUsage().rss;
    const heapEnd = heapAfterGc();
    const captured = emulator.backend.messages.list({ limit: 1 }).total;

    const figures = {
      durationS: Math.round(report.durationMs / 100) / 10,
      requests: report.requests,
      perSecond: Math.round(report.requests / (report.durationMs / 1000)),
      reads: report.reads,
      sends: report.sends,
      rateLimitedAttempts: report.rateLimitedAttempts,
      errors: report.errors,
      messagesCaptured: captured,
      rssStartMb: mb(rssStart),
      rssAfterWarmUpMb: mb(rssWarm),
      rssPeakMb: mb(rssPeak),
      rssEndMb: mb(rssEnd),
      heapAfterGcWarmMb: mb(heapWarm),
      heapAfterGcEndMb: mb(heapEnd),
      rssEvery5sMb: series.filter((_, i) => i % 10 === 9),
    };
    // The figures docs/reliability.md records.
    console.log(`emulator load: ${JSON.stringify(figures)}`);

    expect(report.durationMs).toBeGreaterThanOrEqual(Math.min(DURATION_MS, 60_000) - 1_000);
    // Zero errors; with rate limits off not even a deliberate refusal.
    expect(report.errors).toEqual({});
    expect(report.rateLimitedAttempts).toBe(0);
    expect(report.sends).toBeGreaterThan(0);
    expect(report.reads).toBeGreaterThan(report.sends);
    // Every accepted send is one captured message, no more, no fewer.
    expect(report.distinctMessageIds).toBe(report.sends);
    expect(captured).toBe(report.sends);
    expect(rssWarm).toBeGreaterThan(0);
    expect(mb(rssEnd)).toBeLessThanOrEqual(mb(rssWarm) + RSS_BOUND_MB);
    expect(mb(heapEnd)).toBeLessThanOrEqual(mb(heapWarm) + HEAP_BOUND_MB);
    expect(emulator.openConnections()).toBe(0);
  } finally {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);

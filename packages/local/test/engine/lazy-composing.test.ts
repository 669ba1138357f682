import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const probe = fileURLToPath(new URL('./fixtures/module-probe.ts', import.meta.url));

describe('loading the composers', () => {
  // The CLI's `templates list --backend local` must not pay for nodemailer: only an email loads it.
  it('creating a backend and non-sending actions leave nodemailer unloaded; the first email loads it', () => {
    const run = spawnSync(process.execPath, ['--import', tsx, probe], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
      beforeSending: string[];
      afterSending: string[];
    };
    expect(report.beforeSending).toEqual([]);
    // The probe sees nodemailer once it is really loaded, so the empty list above means something.
    expect(report.afterSending.some((file) => /nodemailer\/.*mime-funcs/.test(file))).toBe(true);
  }, 30_000);
});

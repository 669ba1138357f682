import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const probe = fileURLToPath(new URL('./fixtures/module-probe.ts', import.meta.url));

describe('loading the composers', () => {
  // The CLI's `templates list --backend local` must not pay for nodemailer: only an email loads it.
  // mailparser (~20 MB) is for the message views only, and nodemailer's transports for SMTP relays.
  it('importing the package, creating a backend and non-sending actions load no mail library; an email loads only the composers', () => {
    const run = spawnSync(process.execPath, ['--import', tsx, probe], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
      beforeSending: string[];
      afterSending: string[];
    };
    expect(report.beforeSending).toEqual([]);
    // The probe sees nodemailer once it is really loaded, so the empty list above means something.
    expect(report.afterSending.some((file) => /nodemailer\/.*mime-funcs/.test(file))).toBe(true);
    expect(
      report.afterSending.filter((file) => /mailparser|nodemailer\/lib\/nodemailer\.js/.test(file)),
    ).toEqual([]);
  }, 30_000);
});

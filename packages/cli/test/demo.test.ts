import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('ses-cli demo', () => {
  it('runs the warm-up scenario and prints the funnel', async () => {
    const result = await runInProcess(['demo', '--data-dir', `${tmp.dir}/demo`], tmp.dir);
    expect(result.stderr).toContain('1. domain mail.acme-demo.com');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/requested\s+3,000/);
    expect(result.stdout).toMatch(/delivered\s+[\d,]+/);
    expect(result.stdout).toContain('opened');
    expect(result.stdout).toContain('bounced');
  }, 120_000);

  it('uploads more than one call takes (20,000 rows) in slices', async () => {
    const result = await runInProcess(
      ['demo', '--recipients', '20001', '--days', '1', '--json', '--data-dir', `${tmp.dir}/big`],
      tmp.dir,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ days: [{ requested: 20_001, sent: 500 }] });
    // Run again on the same directory: a clear usage error instead of RepeatCreation half-way.
    const again = await runInProcess(['demo', '--days', '1', '--data-dir', `${tmp.dir}/big`], tmp.dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds data');
  }, 120_000);
});

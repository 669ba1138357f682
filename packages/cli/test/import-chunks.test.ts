import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

it('imports more rows than one API call takes, chunk after chunk, with --dry-run sending nothing', async () => {
  const rows = ['email', ...Array.from({ length: 20_005 }, (_, i) => `person${i}@example.com`)];
  const file = join(tmp.dir, 'many.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  expect((await runInProcess(['groups', 'create', 'many'], tmp.dir)).code).toBe(0);

  const dry = await runInProcess(['groups', 'import', 'many', file, '--dry-run', '--json'], tmp.dir);
  expect(dry.code).toBe(0);
  const plan = JSON.parse(dry.stdout) as { requests: { action: string; payload: { Emails: string[] } }[] };
  expect(plan.requests.map((r) => [r.action, r.payload.Emails.length])).toEqual([
    ['CreateReceiverDetail', 20_000],
    ['CreateReceiverDetail', 5],
  ]);

  const result = await runInProcess(['groups', 'import', 'many', file, '--wait', '--json'], tmp.dir);
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ rows: 20_005, uploaded: 20_005, upload: 'complete' });
}, 120_000);

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

it('docs/cli.md is what the program generates (run packages/cli/scripts/gen-docs.mjs after changes)', async () => {
  const result = await runInProcess(['docs'], tmp.dir);
  expect(result.code).toBe(0);
  const committed = readFileSync(fileURLToPath(new URL('../../../docs/cli.md', import.meta.url)), 'utf8');
  expect(result.stdout).toBe(committed);
  expect(committed).toContain('### `ses-cli groups import`');
  expect(committed).toContain('| 130 | interrupted (Ctrl-C, or SIGTERM) |');
});

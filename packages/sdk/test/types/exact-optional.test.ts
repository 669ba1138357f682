import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `exact-optional.ts` is user-style code; the tsconfig next to it checks it with
// `exactOptionalPropertyTypes`, which the users of a typed SDK commonly turn on.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const project = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

describe('the public types under exactOptionalPropertyTypes', () => {
  it('accept an explicit undefined for every optional input, and name every parameter and result', () => {
    const run = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 120_000);
});

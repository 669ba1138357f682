#!/usr/bin/env node
// Regenerates docs/cli.md from the built CLI (`ses-cli docs`), so the reference cannot drift.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'dist', 'bin.js');
const markdown = execFileSync(process.execPath, [bin, 'docs'], {
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1' },
});
// A half-built dist prints nothing: never overwrite the reference with that.
if (!markdown.startsWith('# ses-cli'))
  throw new Error('ses-cli docs printed no reference; rebuild the CLI first');
writeFileSync(join(here, '..', '..', '..', 'docs', 'cli.md'), markdown);
console.error('wrote docs/cli.md');

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt } from './built.js';
import { tempDir } from './helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = tempDir('ses-cli-pack-');
afterAll(() => tmp.cleanup());

beforeAll(() => ensureBuilt(), 600_000);

it('installs from packed tarballs into an empty directory and runs', () => {
  const tarballs = join(tmp.dir, 'tarballs');
  const app = join(tmp.dir, 'app');
  mkdirSync(tarballs);
  mkdirSync(app);
  for (const pkg of ['sdk', 'local', 'cli']) {
    execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
      cwd: join(root, 'packages', pkg),
      stdio: 'ignore',
    });
  }
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  // --ignore-scripts skips better-sqlite3's several-minute native compile; the binding built for
  // this workspace (same version, same Node ABI) is copied in instead.
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', ...files],
    {
      cwd: app,
      stdio: 'ignore',
    },
  );
  const workspaceSqlite = dirname(
    createRequire(join(root, 'packages/cli/package.json')).resolve('better-sqlite3/package.json'),
  );
  const release = join(app, 'node_modules', 'better-sqlite3', 'build', 'Release');
  mkdirSync(release, { recursive: true });
  copyFileSync(
    join(workspaceSqlite, 'build', 'Release', 'better_sqlite3.node'),
    join(release, 'better_sqlite3.node'),
  );

  const env = { ...process.env, SES_CLI_DATA_DIR: join(tmp.dir, 'data'), NO_COLOR: '1' };
  const npx = (args: string[]) =>
    execFileSync('npx', ['--no-install', 'ses-cli', ...args], { cwd: app, env, encoding: 'utf8' });
  expect(npx(['--help'])).toContain('Usage: ses-cli');
  npx(['identities', 'create', 'mail.example.com', '--backend', 'local']);
  npx(['senders', 'create', 'hi@mail.example.com', '--backend', 'local']);
  writeFileSync(join(tmp.dir, 'hello.txt'), 'Hello {{name}}');
  npx(['templates', 'create', '--name', 'hello', '--text', join(tmp.dir, 'hello.txt'), '--backend', 'local']);
  const sent = JSON.parse(
    npx([
      'send',
      '--from',
      'hi@mail.example.com',
      '--to',
      'ana@example.org',
      '--subject',
      'Hi',
      '--template',
      'hello',
      '--data',
      'name=Ana',
      '--backend',
      'local',
      '--json',
    ]),
  ) as { messageId: string };
  expect(sent.messageId).not.toBe('');
}, 900_000);

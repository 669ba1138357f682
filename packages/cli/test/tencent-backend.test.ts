import { join } from 'node:path';
import { DEFAULT_LOCAL_KEYS, startEmulator } from '@ses-cli/local';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const tmp = tempDir();
let emulator: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir: join(tmp.dir, 'emulator'), schedulerIntervalMs: 0 });
});
afterAll(async () => {
  await emulator.close();
  tmp.cleanup();
});

it('talks to a Tencent Cloud endpoint (the emulator), names backend and region, redacts --debug', async () => {
  const env = {
    TENCENTCLOUD_SECRET_ID: DEFAULT_LOCAL_KEYS.secretId,
    TENCENTCLOUD_SECRET_KEY: DEFAULT_LOCAL_KEYS.secretKey,
  };
  const args = ['--backend', 'tencent', '--endpoint', emulator.url, '--region', 'ap-hongkong'];
  const created = await runInProcess(['identities', 'create', 'mail.example.com', ...args], tmp.dir, { env });
  expect(created.code, created.stderr).toBe(0);
  const list = await runInProcess(['identities', 'list', ...args, '--debug'], tmp.dir, { env });
  expect(list.code, list.stderr).toBe(0);
  expect(list.stdout).toContain('mail.example.com');
  expect(list.stderr).toContain('tencent backend · region ap-hongkong');
  expect(list.stderr).toContain('[debug] → ListEmailIdentities');
  expect(list.stderr).not.toContain(DEFAULT_LOCAL_KEYS.secretKey);
  const local = await runInProcess(['local', 'clock', 'show', ...args], tmp.dir, { env });
  expect(local.code).toBe(2);
  expect(local.stderr).toContain('needs the local backend');
});

it('reports rejected credentials as exit 3', async () => {
  const env = {
    TENCENTCLOUD_SECRET_ID: 'AKIDwrong000000000000000000000000',
    TENCENTCLOUD_SECRET_KEY: 'wrong',
  };
  const result = await runInProcess(
    ['templates', 'list', '--backend', 'tencent', '--endpoint', emulator.url, '--json'],
    tmp.dir,
    { env },
  );
  expect(result.code).toBe(3);
  expect(JSON.parse(result.stderr).error.code).toMatch(/^AuthFailure\./);
});

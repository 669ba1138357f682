import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalBackend, DEFAULT_LOCAL_KEYS, startEmulator } from '@ses-cli/local';
import { afterEach, describe, expect, it } from 'vitest';
import { signedCall } from './signed-fetch.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-emulator-life-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('emulator lifecycle', () => {
  it('binds to loopback by default on the port it reports', async () => {
    const emulator = await startEmulator({ port: 0, dataDir: freshDir(), schedulerIntervalMs: 0 });
    try {
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator.keys).toEqual([DEFAULT_LOCAL_KEYS]);
      expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200);
    } finally {
      await emulator.close();
    }
    await expect(fetch(`${emulator.url}/_emulator/health`)).rejects.toThrow();
  });

  it('refuses a port that is taken', async () => {
    const first = await startEmulator({ port: 0, dataDir: freshDir(), schedulerIntervalMs: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startEmulator({ port, dataDir: freshDir(), schedulerIntervalMs: 0 })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await first.close();
    }
  });

  it('accepts only the configured keys', async () => {
    const mine = { secretId: 'AKIDmyownkey000000000000000000', secretKey: 'my-own-secret-key-000000000000' };
    const emulator = await startEmulator({
      port: 0,
      dataDir: freshDir(),
      keys: [mine],
      schedulerIntervalMs: 0,
    });
    try {
      const ok = await signedCall(emulator.url, 'ListEmailTemplates', '{"Limit":1,"Offset":0}', mine);
      expect(ok.envelope.Response.Error).toBeUndefined();
      const other = await signedCall(
        emulator.url,
        'ListEmailTemplates',
        '{"Limit":1,"Offset":0}',
        DEFAULT_LOCAL_KEYS,
      );
      expect(other.envelope.Response.Error?.Code).toBe('AuthFailure.SecretIdNotFound');
    } finally {
      await emulator.close();
    }
  });

  it('serves an existing backend and leaves it open on close', async () => {
    const backend = createLocalBackend({ dataDir: freshDir() });
    try {
      const emulator = await startEmulator({ port: 0, dataDir: 'unused', backend, schedulerIntervalMs: 0 });
      await signedCall(emulator.url, 'CreateReceiver', '{"ReceiversName":"via-http"}', DEFAULT_LOCAL_KEYS);
      await emulator.close();
      const groups = await backend.invoke({
        action: 'ListReceivers',
        payload: { Offset: 0, Limit: 10 },
        region: 'ap-guangzhou',
        attempt: 0,
      });
      expect(groups.payload.Data).toEqual([expect.objectContaining({ ReceiversName: 'via-http' })]);
    } finally {
      await backend.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@ses-cli/local';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedCall } from './signed-fetch.js';

const KEY = { secretId: 'AKIDsecretstestkey00000000000000', secretKey: 'TOPSECRET-do-not-leak-0123456789' };
const lines: string[] = [];
let emulator: RunningEmulator;
let dataDir: string;

/** A port nobody listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ses-emulator-secrets-'));
  emulator = await startEmulator({
    port: 0,
    dataDir,
    keys: [KEY],
    schedulerIntervalMs: 0,
    webhooks: [{ url: `http://127.0.0.1:${await deadPort()}/hook`, custom: 'c' }],
    webhookRetry: { maxAttempts: 1, baseDelayMs: 1 },
    log: (line) => lines.push(line),
  });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the secret key never leaves the emulator', () => {
  it('is in no response (success, every auth failure, protocol errors) and in no log line', async () => {
    const seen: string[] = [];
    const record = async (promise: ReturnType<typeof signedCall>) => {
      const { envelope } = await promise;
      seen.push(JSON.stringify(envelope));
    };
    const call = (options: Parameters<typeof signedCall>[4] = {}, action = 'ListEmailTemplates') =>
      record(signedCall(emulator.url, action, '{"Limit":1,"Offset":0}', KEY, options));
    await call();
    await call({ secretKey: 'wrong-key' });
    await call({ secretId: 'AKIDother' });
    await call({ timestamp: Math.floor(Date.now() / 1000) - 3600 });
    await call({ headers: { authorization: `TC3-HMAC-SHA256 Credential=${KEY.secretId}/x` } });
    await call({ sentBody: '{"Limit":2,"Offset":0}' });
    await call({}, 'NoSuchAction');
    await call({ headers: { 'x-tc-region': 'mars-1' } });
    // A delivery event makes the webhook fail and the emulator log it.
    const direct = (action: string, payload: Record<string, unknown>) =>
      emulator.backend.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 });
    await direct('CreateEmailIdentity', { EmailIdentity: 'mail.example.com' });
    await direct('CreateEmailAddress', { EmailAddress: 'noreply@mail.example.com' });
    const template = await direct('CreateEmailTemplate', {
      TemplateName: 't',
      TemplateContent: { Text: Buffer.from('hi').toString('base64') },
    });
    await record(
      signedCall(
        emulator.url,
        'SendEmail',
        JSON.stringify({
          FromEmailAddress: 'noreply@mail.example.com',
          Destination: ['bounce@simulator.test'],
          Subject: 'x',
          Template: { TemplateID: template.payload.TemplateID, TemplateData: '{}' },
        }),
        KEY,
      ),
    );
    await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0), { timeout: 10_000 });
    for (const path of ['/_emulator/health', '/_emulator/faults', '/_emulator/messages']) {
      seen.push(await (await fetch(`${emulator.url}${path}`)).text());
    }

    expect(seen.length).toBe(12);
    expect(seen.some((text) => text.includes('AuthFailure.SignatureFailure'))).toBe(true);
    for (const text of [...seen, ...lines]) {
      expect(text).not.toContain(KEY.secretKey);
      expect(text).not.toContain('wrong-key');
    }
    expect(lines.join('\n')).toMatch(/webhook .* failed/);
  });
});

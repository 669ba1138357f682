import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_LOCAL_KEYS,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from '@ses-cli/local';
import { SesClient } from '@ses-cli/sdk';

export const DOMAIN = 'mail.example.com';
export const SENDER = `noreply@${DOMAIN}`;

/** A started emulator on a free port with its own data directory, and our SDK pointed at it. */
export interface EmulatorFixture {
  readonly emulator: RunningEmulator;
  readonly client: SesClient;
  /** Today in the engine's time zone (UTC here), as `YYYY-MM-DD`. */
  today(): string;
  close(): Promise<void>;
}

/** Starts an emulator (rate limits and the scheduler off unless overridden) in a fresh directory. */
export async function startFixture(options: Partial<EmulatorOptions> = {}): Promise<EmulatorFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ses-emulator-'));
  const emulator = await startEmulator({
    port: 0,
    rateLimits: false,
    schedulerIntervalMs: 0,
    backendOptions: { timeZone: 'UTC' },
    ...options,
    dataDir,
  });
  const client = new SesClient({
    endpoint: emulator.url,
    credentials: DEFAULT_LOCAL_KEYS,
    env: {},
    maxRetries: 0,
  });
  return {
    emulator,
    client,
    today: () => emulator.backend.now().toISOString().slice(0, 10),
    async close() {
      await client.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A verified domain, a sender on it and an HTML template with two links; returns the template id. */
export async function setUpSender(client: SesClient): Promise<number> {
  await client.invoke('CreateEmailIdentity', { EmailIdentity: DOMAIN });
  await client.invoke('CreateEmailAddress', { EmailAddress: SENDER, EmailSenderName: 'Example' });
  const html =
    '<p>Hi {{name}}</p><a href="https://example.com/a">first</a> <a href="https://example.com/b?x=1&amp;y=2">second</a>';
  const created = await client.invoke('CreateEmailTemplate', {
    TemplateName: 'links',
    TemplateContent: {
      Html: Buffer.from(html).toString('base64'),
      Text: Buffer.from('Hi {{name}}').toString('base64'),
    },
  });
  return created.TemplateID as number;
}

/** JSON from the inspection API (or anything else on the emulator). */
export async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as T };
}

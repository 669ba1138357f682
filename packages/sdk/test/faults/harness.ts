import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOCAL_KEYS, type FaultMap, type RunningEmulator, startEmulator } from '@ses-cli/local';
import { SesClient, type SesClientOptions } from '../../src/client.js';
import { HttpBackend } from '../../src/http/http-backend.js';

export const DOMAIN = 'mail.example.com';
export const SENDER = `noreply@${DOMAIN}`;

/** Our SDK (SesClient over HttpBackend) against a real emulator whose faults the test controls. */
export interface FaultHarness {
  readonly emulator: RunningEmulator;
  readonly client: SesClient;
  /** Replaces the rules of the actions named. */
  faults(map: FaultMap): void;
  /** API calls of `action` the emulator received since the last `resetCounts()`. */
  calls(action: string): number;
  /** Clears every rule and counter. */
  resetCounts(): void;
  /** Messages the emulator captured (one per recipient). */
  messageCount(): number;
  /** Batch tasks the emulator holds. */
  taskCount(): Promise<number>;
  /** A verified sender and an approved template; returns the template id. */
  setUpSender(): Promise<number>;
  /** A recipient group with `emails`, fully uploaded; returns its id. */
  createGroup(emails: string[]): Promise<number>;
  close(): Promise<void>;
}

/** Starts an emulator (rate limits and scheduler off) and a client with `options` pointed at it. */
export async function startFaultHarness(options: Partial<SesClientOptions> = {}): Promise<FaultHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ses-faults-'));
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    rateLimits: false,
    schedulerIntervalMs: 0,
    backendOptions: { timeZone: 'UTC' },
  });
  const backend = new HttpBackend({ endpoint: emulator.url, credentials: DEFAULT_LOCAL_KEYS, env: {} });
  const client = new SesClient({ backend, region: 'ap-guangzhou', env: {}, ...options });
  // Setting up goes around the faults: straight to the engine behind the emulator.
  const direct = async (action: string, payload: Record<string, unknown>) =>
    (await emulator.backend.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 })).payload;
  return {
    emulator,
    client,
    faults: (map) => emulator.faults.set(map),
    calls: (action) => emulator.faults.stats().calls[action] ?? 0,
    resetCounts: () => emulator.faults.clear(),
    messageCount: () => emulator.backend.messages.list().total,
    async taskCount() {
      const listed = await direct('ListSendTasks', { Offset: 0, Limit: 100 });
      return listed.TotalCount as number;
    },
    async setUpSender() {
      await direct('CreateEmailIdentity', { EmailIdentity: DOMAIN });
      await direct('CreateEmailAddress', { EmailAddress: SENDER, EmailSenderName: 'Example' });
      const created = await direct('CreateEmailTemplate', {
        TemplateName: 'hello',
        TemplateContent: { Html: Buffer.from('<p>Hi {{name}}</p>').toString('base64') },
      });
      return created.TemplateID as number;
    },
    async createGroup(emails) {
      const created = await direct('CreateReceiver', { ReceiversName: `group-${Date.now()}` });
      const id = created.ReceiverId as number;
      await direct('CreateReceiverDetail', { ReceiverId: id, Emails: emails });
      await emulator.backend.runDue();
      return id;
    },
    async close() {
      await client.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Records unhandled rejections while installed; `stop()` uninstalls and returns what was seen. */
export function recordUnhandledRejections(): { stop(): unknown[] } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  return {
    stop() {
      process.off('unhandledRejection', listener);
      return seen;
    },
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

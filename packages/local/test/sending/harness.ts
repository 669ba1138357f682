import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiError, isSesError } from '@ses-cli/sdk';
import { createLocalBackend, type LocalBackend, type LocalBackendOptions } from '../../src/index.js';

/** 2026-03-10 10:00 in Shanghai. */
export const START = Date.UTC(2026, 2, 10, 2, 0, 0);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const DOMAIN = 'mail.example.com';
export const SENDER = `news@${DOMAIN}`;

/** A backend on a fresh temp data dir, with a frozen real clock (move it with `advanceTime`). */
export interface Harness {
  backend: LocalBackend;
  dir: string;
  outbox: string;
  call(action: string, payload: Record<string, unknown>): Promise<Record<string, unknown>>;
  fail(action: string, payload: Record<string, unknown>): Promise<ApiError>;
  outboxFiles(): string[];
  cleanup(): Promise<void>;
}

export function createHarness(options: Partial<LocalBackendOptions> = {}, dir?: string): Harness {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'ses-sending-'));
  const backend = createLocalBackend({ now: () => START, ...options, dataDir });
  const call = async (action: string, payload: Record<string, unknown>) =>
    (await backend.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 })).payload;
  return {
    backend,
    dir: dataDir,
    outbox: join(dataDir, 'outbox'),
    call,
    async fail(action, payload) {
      try {
        await call(action, payload);
      } catch (error) {
        if (isSesError(error) && 'code' in error) return error as ApiError;
        throw error;
      }
      throw new Error(`${action} succeeded but was expected to fail`);
    },
    outboxFiles() {
      try {
        return readdirSync(join(dataDir, 'outbox')).filter((name) => name.endsWith('.eml'));
      } catch {
        return [];
      }
    },
    async cleanup() {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A verified domain, a sender on it and an approved template; returns the template id. */
export async function setupSender(
  h: Harness,
  template = {
    html: '<p>Hello {{name}}, see <a href="https://example.org/offer">the offer</a>.</p>',
    text: 'Hello {{name}}',
  },
): Promise<number> {
  await h.call('CreateEmailIdentity', { EmailIdentity: DOMAIN });
  await h.call('CreateEmailAddress', { EmailAddress: SENDER, EmailSenderName: 'News' });
  const created = await h.call('CreateEmailTemplate', {
    TemplateName: 'welcome',
    TemplateContent: { Html: b64(template.html), Text: b64(template.text) },
  });
  return created['TemplateID'] as number;
}

/** A recipient group holding `emails` (each with `{"name": …}` data), fully uploaded. */
export async function createGroup(h: Harness, emails: string[], name = 'group'): Promise<number> {
  const created = await h.call('CreateReceiver', { ReceiversName: name });
  const id = created['ReceiverId'] as number;
  for (let i = 0; i < emails.length; i += 20_000) {
    await h.call('CreateReceiverDetailWithData', {
      ReceiverId: id,
      Datas: emails.slice(i, i + 20_000).map((email, j) => ({
        Email: email,
        TemplateData: JSON.stringify({ name: `User ${i + j}` }),
      })),
    });
    // Uploads are asynchronous (one at a time per group): the due-work runner completes them.
    await h.backend.runDue();
  }
  return id;
}

/** `n` distinct ordinary addresses. */
export function addresses(n: number, prefix = 'user'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}@example.net`);
}

/** Today's date in Shanghai for the harness clock plus `offsetMs`. */
export function shanghaiDate(epochMs: number): string {
  return new Date(epochMs + 8 * HOUR).toISOString().slice(0, 10);
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiError, SesClient } from '@ses-cli/sdk';
import { createLocalBackend, type LocalBackend, type LocalBackendOptions } from '../../src/index.js';

/** A fixed real clock: 2024-06-03 10:00:00 in Shanghai. */
export const T0 = Date.UTC(2024, 5, 3, 2, 0, 0);

/** A temporary data directory, removed by the returned cleanup. */
export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ses-local-engine-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A backend on a fresh temp dir with the fixed clock, plus an SDK client over it. */
export function setup(options: Partial<LocalBackendOptions> = {}) {
  const { dir, cleanup } = tempDataDir();
  const backend = createLocalBackend({ dataDir: dir, now: () => T0, ...options });
  const ses = new SesClient({ backend, maxRetries: 0 });
  return {
    dir,
    backend,
    ses,
    invoke: (action: string, payload: Record<string, unknown> = {}) =>
      backend.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 }).then((r) => r.payload),
    async teardown() {
      await backend.close();
      cleanup();
    },
  };
}

/** The error code a rejected promise carries. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as ApiError).code ?? String(error);
  }
  throw new Error('expected the call to fail');
}

/** Creates a verified domain and a sender on it. */
export async function withSender(
  backend: LocalBackend,
  address = 'noreply@mail.example.com',
): Promise<string> {
  const invoke = (action: string, payload: Record<string, unknown>) =>
    backend.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 });
  await invoke('CreateEmailIdentity', { EmailIdentity: address.split('@')[1] });
  await invoke('CreateEmailAddress', { EmailAddress: address });
  return address;
}

/** base64 of UTF-8 text. */
export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

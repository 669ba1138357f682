import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SesClient } from '@ses-cli/sdk';
import { createLocalBackend, type LocalBackend, type LocalBackendOptions } from '../../src/backend.js';
import { type DashboardOptions, handleDashboard } from '../../src/dashboard/index.js';
import { handleInspection } from '../../src/emulator/inspection-routes.js';
import { handleTracking } from '../../src/emulator/tracking-routes.js';

export const DOMAIN = 'mail.example.com';
export const SENDER = `news@${DOMAIN}`;
export const DAY = 86_400_000;

/** A real backend behind a loopback server that routes like the emulator: tracking, inspection, dashboard. */
export interface DashboardHarness {
  readonly url: string;
  readonly backend: LocalBackend;
  readonly client: SesClient;
  call(action: string, payload: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startDashboard(
  options: { dashboard?: DashboardOptions; backend?: Partial<LocalBackendOptions> } = {},
): Promise<DashboardHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ses-dashboard-'));
  let backend: LocalBackend | undefined;
  const server = createServer((request, response) => {
    const served = backend;
    if (!served) {
      response.writeHead(503).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://dashboard.test');
    (async () => {
      if (handleTracking(url.pathname, request, response, served)) return;
      if (await handleInspection(url, request, response, served)) return;
      if (await handleDashboard(url, request, response, served, { timeZone: 'UTC', ...options.dashboard }))
        return;
      response.writeHead(404).end();
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  backend = createLocalBackend({ dataDir, trackingBaseUrl: url, timeZone: 'UTC', ...options.backend });
  const client = new SesClient({ backend, env: {}, maxRetries: 0 });
  const live = backend;
  return {
    url,
    backend: live,
    client,
    call: async (action, payload) =>
      (await live.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 })).payload,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await live.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A verified domain, a sender on it and a template with one link; returns the template id. */
export async function setUpSender(h: DashboardHarness): Promise<number> {
  await h.client.invoke('CreateEmailIdentity', { EmailIdentity: DOMAIN });
  await h.client.invoke('CreateEmailAddress', { EmailAddress: SENDER, EmailSenderName: 'News' });
  const created = await h.client.invoke('CreateEmailTemplate', {
    TemplateName: 'welcome',
    TemplateContent: {
      Html: b64('<p>Hello {{name}}, see <a href="https://example.org/offer">the offer</a>.</p>'),
      Text: b64('Hello {{name}}, see https://example.org/offer'),
    },
  });
  return created.TemplateID as number;
}

let templates = 0;

/** Creates an (auto-approved) template of exactly these parts; returns its id. */
export async function createTemplate(
  h: DashboardHarness,
  parts: { html?: string; text?: string },
): Promise<number> {
  templates += 1;
  const created = await h.client.invoke('CreateEmailTemplate', {
    TemplateName: `template ${templates}`,
    TemplateContent: {
      ...(parts.html === undefined ? {} : { Html: b64(parts.html) }),
      ...(parts.text === undefined ? {} : { Text: b64(parts.text) }),
    },
  });
  return created.TemplateID as number;
}

/**
 * Sends one email through the SDK with a template of these parts (custom `Simple` content needs a
 * grant local accounts do not have); returns its MessageId.
 */
export async function sendOne(
  h: DashboardHarness,
  to: string,
  subject: string,
  parts: { html?: string; text?: string } = { html: `<p>${subject}</p>`, text: subject },
  extra: Record<string, unknown> = {},
): Promise<string> {
  const templateId = await createTemplate(h, parts);
  const answer = await h.client.invoke('SendEmail', {
    FromEmailAddress: SENDER,
    Destination: [to],
    Subject: subject,
    Template: { TemplateID: templateId, TemplateData: '{}' },
    ...extra,
  });
  await h.backend.runDue();
  return answer.MessageId as string;
}

/** A recipient group of `emails`, uploaded, and an immediate batch task to it; returns the task id. */
export async function batchTo(h: DashboardHarness, templateId: number, emails: string[]): Promise<number> {
  const group = await h.client.invoke('CreateReceiver', { ReceiversName: `group-${emails.length}` });
  const receiverId = group.ReceiverId as number;
  await h.client.invoke('CreateReceiverDetailWithData', {
    ReceiverId: receiverId,
    Datas: emails.map((email, index) => ({
      Email: email,
      TemplateData: JSON.stringify({ name: `User ${index}` }),
    })),
  });
  await h.backend.runDue();
  const task = await h.client.invoke('BatchSendEmail', {
    FromEmailAddress: SENDER,
    ReceiverId: receiverId,
    Subject: 'Spring newsletter',
    TaskType: 1,
    Template: { TemplateID: templateId, TemplateData: '{}' },
  });
  await h.backend.runDue();
  return task.TaskId as number;
}

/** `n` ordinary addresses. */
export function addresses(n: number, prefix = 'user'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}@example.net`);
}

/** Reads JSON from the harness. */
export async function getJson<T>(h: DashboardHarness, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${h.url}${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

/** A POST the dashboard's own page would make. */
export function dashboardPost(
  h: DashboardHarness,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${h.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ses-dashboard': '1', ...headers },
    body: JSON.stringify(body),
  });
}

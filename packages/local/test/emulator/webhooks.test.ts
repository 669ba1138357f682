import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLocalBackend,
  createOutboxTransport,
  DEFAULT_LOCAL_KEYS,
  startEmulator,
  type Transport,
  webhookPayload,
} from '@ses-cli/local';
import { parseWebhookEvent, SesClient } from '@ses-cli/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WEBHOOK_CLOSE_GRACE_MS,
  WEBHOOK_FIELD_MAX_BYTES,
  WebhookDispatcher,
} from '../../src/emulator/webhooks.js';
import type { DeliveryEvent } from '../../src/engine/inspection.js';
import { type EmulatorFixture, SENDER, setUpSender, startFixture } from './fixtures.js';
import { rawRequest } from './raw-request.js';

interface Delivery {
  readonly body: Record<string, unknown>;
  readonly contentType: string | undefined;
}

/** A callback receiver on 127.0.0.1 that answers 500 to the first `failFirst` posts. */
async function startReceiver(
  failFirst = 0,
): Promise<{ url: string; received: Delivery[]; attempts: () => number; server: Server }> {
  const received: Delivery[] = [];
  let attempts = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      attempts++;
      if (attempts <= failFirst) {
        response.writeHead(500).end();
        return;
      }
      received.push({
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        contentType: request.headers['content-type'],
      });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/ses-callback`, received, attempts: () => attempts, server };
}

/** Polls until `check` holds; webhooks are posted after the API call answers. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A click event as the engine emits it, for the dispatcher alone. */
const clickEvent = (overrides: Partial<DeliveryEvent> = {}): DeliveryEvent => ({
  type: 'click',
  email: 'ana@example.org',
  bulkId: 'qcloudses-test',
  messageId: '<test@mail.example.com>',
  from: SENDER,
  fromDomain: 'mail.example.com',
  subject: 'Hello',
  timestamp: 1_767_225_600,
  link: 'https://example.com/short',
  ...overrides,
});

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('emulator webhooks', () => {
  let fixture: EmulatorFixture;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let templateId: number;
  const messageIds = new Map<string, string>();

  beforeAll(async () => {
    receiver = await startReceiver();
    // The outbox, except that mail for `drop@example.org` never gets through (to reach `dropped`).
    let outbox: Transport | undefined;
    const transport: Transport = {
      kind: 'flaky-outbox',
      deliver(message) {
        if (message.envelope.to.includes('drop@example.org'))
          return Promise.reject(new Error('421 try later'));
        outbox ??= createOutboxTransport(join(fixture.emulator.backend.dataDir, 'outbox'));
        return outbox.deliver(message);
      },
    };
    fixture = await startFixture({
      webhooks: [{ url: receiver.url, custom: 'ses callback' }],
      webhookRetry: { baseDelayMs: 5, maxAttempts: 3 },
      backendOptions: { timeZone: 'UTC', transport },
    });
    templateId = await setUpSender(fixture.client);
    for (const to of [
      'success@simulator.test',
      'bounce@simulator.test',
      'softbounce@simulator.test',
      'open@simulator.test',
      'click@simulator.test',
      'unsubscribe@simulator.test',
      'complaint@simulator.test',
      'defer@simulator.test',
      'drop@example.org',
    ]) {
      const { MessageId } = await fixture.client.invoke('SendEmail', {
        FromEmailAddress: SENDER,
        Destination: [to],
        Subject: 'Hello {{name}}',
        Template: { TemplateID: templateId, TemplateData: '{"name":"Ana"}' },
      });
      messageIds.set(to, MessageId as string);
    }
    // The deferred mail is retried a minute later (emulated): deliver it, and give up on `drop@`.
    for (let i = 0; i < 5; i++) {
      await fetch(`${fixture.emulator.url}/_emulator/clock?advanceMs=60000`, { method: 'POST' });
    }
  });
  afterAll(async () => {
    await fixture.close();
    await closeServer(receiver.server);
  });

  const eventsFor = (email: string) => receiver.received.map((d) => d.body).filter((b) => b.email === email);
  const types = (email: string) => eventsFor(email).map((b) => b.event);

  it('posts every event in Tencent callback shape, with the custom value', async () => {
    await eventually(() => types('drop@example.org').includes('dropped'), 'the dropped event');
    await eventually(() => types('defer@simulator.test').includes('delivered'), 'the deferred retry');
    const success = eventsFor('success@simulator.test')[0]!;
    expect(receiver.received[0]?.contentType).toBe('application/json');
    expect(success).toMatchObject({
      event: 'delivered',
      email: 'success@simulator.test',
      bulkId: messageIds.get('success@simulator.test'),
      username: '1000000000',
      from: SENDER,
      fromDomain: 'mail.example.com',
      templateId,
      subject: 'Hello Ana',
      'X-Tencentcloudses-Cb-Custom': 'ses callback',
    });
    expect(success.timestamp).toEqual(expect.any(Number));
    expect(success.sentTimestamp).toEqual(expect.any(Number));
    expect(String(success.messageId)).toMatch(/@mail\.example\.com$/);
    // Each payload is what our own parser accepts as a Tencent callback.
    for (const { body } of receiver.received) expect(parseWebhookEvent(body).type).toBe(body.event);
  });

  it('sends the outcome of each simulator mailbox', () => {
    expect(eventsFor('bounce@simulator.test')).toEqual([
      expect.objectContaining({
        event: 'bounce',
        bounceType: 'hard_bounce',
        reason: expect.stringMatching(/^550/),
      }),
    ]);
    expect(types('softbounce@simulator.test')).toEqual(['deferred', 'bounce']);
    expect(eventsFor('softbounce@simulator.test')[1]).toMatchObject({ bounceType: 'soft_bounce' });
    expect(types('open@simulator.test')).toEqual(['delivered', 'open']);
    expect(types('click@simulator.test')).toEqual(['delivered', 'open', 'click']);
    expect(eventsFor('click@simulator.test')[2]).toMatchObject({ link: 'https://example.com/a' });
    expect(types('unsubscribe@simulator.test')).toEqual(['delivered', 'unsubscribe']);
    expect(types('complaint@simulator.test')).toEqual(['delivered', 'spamreport']);
    expect(types('defer@simulator.test')).toEqual(['deferred', 'delivered']);
    expect(types('drop@example.org').at(-1)).toBe('dropped');
    expect(
      types('drop@example.org')
        .slice(0, -1)
        .every((t) => t === 'deferred'),
    ).toBe(true);
  });

  it('records real opens and clicks from the tracking URLs as events too', async () => {
    const list = (await (
      await fetch(`${fixture.emulator.url}/_emulator/messages?to=success%40simulator.test`)
    ).json()) as { items: { id: string }[] };
    expect(list.items).toHaveLength(1);
    const parsed = (await (
      await fetch(`${fixture.emulator.url}/_emulator/messages/${encodeURIComponent(list.items[0]!.id)}`)
    ).json()) as { parsed: { html: string } };
    const click = /href="([^"]+\/t\/click\/[^"]+\/1)"/.exec(parsed.parsed.html)?.[1];
    expect(click).toBeDefined();
    await fetch(click!, { redirect: 'manual', headers: { 'user-agent': 'webhook-test-agent' } });
    await eventually(() => types('success@simulator.test').includes('click'), 'the click event');
    expect(eventsFor('success@simulator.test').at(-1)).toMatchObject({
      event: 'click',
      link: 'https://example.com/b?x=1&y=2',
      useragent: 'webhook-test-agent',
    });
  });
});

describe('emulator webhook retries', () => {
  it('retries a receiver that failed the first time, with the same payload', async () => {
    const receiver = await startReceiver(1);
    const fixture = await startFixture({
      webhooks: [{ url: receiver.url }],
      webhookRetry: { baseDelayMs: 5, maxAttempts: 3 },
    });
    try {
      const templateId = await setUpSender(fixture.client);
      const { MessageId } = await fixture.client.invoke('SendEmail', {
        FromEmailAddress: SENDER,
        Destination: ['success@simulator.test'],
        Subject: 'Once',
        Template: { TemplateID: templateId, TemplateData: '{"name":"Ana"}' },
      });
      await eventually(() => receiver.received.length === 1, 'the retried delivery');
      expect(receiver.attempts()).toBe(2);
      expect(receiver.received[0]?.body).toMatchObject({ event: 'delivered', bulkId: MessageId });
      expect(receiver.received[0]?.body).not.toHaveProperty('X-Tencentcloudses-Cb-Custom');
    } finally {
      await fixture.close();
      await closeServer(receiver.server);
    }
  });

  it('gives up after maxAttempts and reports it through the log', async () => {
    const receiver = await startReceiver(100);
    const lines: string[] = [];
    const fixture = await startFixture({
      webhooks: [{ url: receiver.url }],
      webhookRetry: { baseDelayMs: 5, maxAttempts: 3 },
      log: (line) => lines.push(line),
    });
    try {
      const templateId = await setUpSender(fixture.client);
      await fixture.client.invoke('SendEmail', {
        FromEmailAddress: SENDER,
        Destination: ['success@simulator.test'],
        Subject: 'Never',
        Template: { TemplateID: templateId, TemplateData: '{"name":"Ana"}' },
      });
      await eventually(() => lines.length === 1, 'the give-up log line');
      expect(receiver.attempts()).toBe(3);
      expect(lines[0]).toContain('failed after 3 attempts');
    } finally {
      await fixture.close();
      await closeServer(receiver.server);
    }
  });
});

describe('closing while a callback waits for its answer', () => {
  it('abandons a post the receiver never answers after the grace period, and reports it', async () => {
    // Takes the request and never answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const lines: string[] = [];
    const dispatcher = new WebhookDispatcher({
      targets: [{ url: `http://127.0.0.1:${port}/hook` }],
      appId: '1',
      onError: (line) => lines.push(line),
    });
    let accepted = false;
    silent.on('request', () => {
      accepted = true;
    });
    try {
      dispatcher.dispatch(clickEvent());
      await eventually(() => accepted, 'the post to reach the receiver');
      const started = performance.now();
      await dispatcher.close();
      const took = performance.now() - started;
      // Well under the 10 s post timeout (and `ses-cli serve`'s 2 s limit after Ctrl-C).
      expect(took).toBeGreaterThanOrEqual(WEBHOOK_CLOSE_GRACE_MS - 50);
      expect(took).toBeLessThan(5000);
      expect(lines).toEqual([
        `webhook http://127.0.0.1:${port}/hook: not delivered, the emulator closed while it waited for an answer`,
      ]);
    } finally {
      silent.closeAllConnections();
      await closeServer(silent);
    }
  });
});

describe('a backend handed to the emulator', () => {
  it("posts webhooks with that backend's appId", async () => {
    const receiver = await startReceiver();
    const dataDir = mkdtempSync(join(tmpdir(), 'ses-emulator-'));
    const backend = createLocalBackend({ dataDir, appId: '251200670', timeZone: 'UTC' });
    const emulator = await startEmulator({
      port: 0,
      rateLimits: false,
      schedulerIntervalMs: 0,
      dataDir,
      backend,
      webhooks: [{ url: receiver.url }],
    });
    const client = new SesClient({ endpoint: emulator.url, credentials: DEFAULT_LOCAL_KEYS, env: {} });
    try {
      const templateId = await setUpSender(client);
      await client.invoke('SendEmail', {
        FromEmailAddress: SENDER,
        Destination: ['success@simulator.test'],
        Subject: 'Hello {{name}}',
        Template: { TemplateID: templateId, TemplateData: '{"name":"Ana"}' },
      });
      await eventually(() => receiver.received.length > 0, 'the delivered event');
      expect(receiver.received[0]?.body).toMatchObject({ event: 'delivered', username: '251200670' });
    } finally {
      await client.close();
      await emulator.close();
      await backend.close();
      await closeServer(receiver.server);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('events too large for a callback', () => {
  it('cuts a long link and user agent to WEBHOOK_FIELD_MAX_BYTES, on a character boundary', () => {
    const link = `https://example.com/?q=${'é'.repeat(40_000)}`;
    const payload = webhookPayload(clickEvent({ link, userAgent: 'UA/'.repeat(10_000) }), '1', undefined);
    expect(Buffer.byteLength(payload.link!)).toBeLessThanOrEqual(WEBHOOK_FIELD_MAX_BYTES);
    expect(Buffer.byteLength(payload.link!)).toBeGreaterThan(WEBHOOK_FIELD_MAX_BYTES - 2);
    expect(link.startsWith(payload.link!)).toBe(true);
    expect(Buffer.byteLength(payload.useragent!)).toBe(WEBHOOK_FIELD_MAX_BYTES);
    // What the emulator sends, the SDK's parser accepts.
    expect(parseWebhookEvent(JSON.stringify(payload)).link).toBe(payload.link);
  });

  it('reports an event that makes no valid callback for one target and still serves the others', async () => {
    const receiver = await startReceiver();
    const lines: string[] = [];
    const dispatcher = new WebhookDispatcher({
      // The first target's custom value alone is over the 64 KB a callback may carry.
      targets: [
        { url: receiver.url, custom: 'c'.repeat(70 * 1024) },
        { url: receiver.url, custom: 'ok' },
      ],
      appId: '1',
      onError: (line) => lines.push(line),
    });
    try {
      expect(() => dispatcher.dispatch(clickEvent())).not.toThrow();
      await eventually(() => receiver.received.length === 1, 'the second target');
      expect(receiver.received[0]?.body).toMatchObject({
        event: 'click',
        'X-Tencentcloudses-Cb-Custom': 'ok',
      });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('the click event of message qcloudses-test was not sent');
      expect(lines[0]).toContain('limit is 65536');
    } finally {
      await dispatcher.close();
      await closeServer(receiver.server);
    }
  });

  it('delivers the click on a 70 KB link, with the link cut, to every target', async () => {
    const first = await startReceiver();
    const second = await startReceiver();
    const lines: string[] = [];
    const fixture = await startFixture({
      webhooks: [{ url: first.url }, { url: second.url }],
      log: (line) => lines.push(line),
    });
    try {
      await fixture.client.invoke('CreateEmailIdentity', { EmailIdentity: 'mail.example.com' });
      await fixture.client.invoke('CreateEmailAddress', { EmailAddress: SENDER });
      const longLink = `https://example.com/?q=${'a'.repeat(70_000)}`;
      const html = `<p>hi</p><a href="${longLink}">long</a>`;
      const template = await fixture.client.invoke('CreateEmailTemplate', {
        TemplateName: 'long-link',
        TemplateContent: {
          Html: Buffer.from(html).toString('base64'),
          Text: Buffer.from('hi').toString('base64'),
        },
      });
      const { MessageId } = await fixture.client.invoke('SendEmail', {
        FromEmailAddress: SENDER,
        Destination: ['ana@example.org'],
        Subject: 'Long',
        Template: { TemplateID: template.TemplateID as number, TemplateData: '{}' },
      });
      const detail = (await (
        await fetch(`${fixture.emulator.url}/_emulator/messages/${encodeURIComponent(MessageId as string)}`)
      ).json()) as { parsed: { html: string } };
      const click = /href="([^"]+\/t\/click\/[^"]+\/0)"/.exec(detail.parsed.html)?.[1];
      expect((await rawRequest(fixture.emulator.url, new URL(click!).pathname)).status).toBe(302);
      const clicks = (r: Awaited<ReturnType<typeof startReceiver>>) =>
        r.received.filter((d) => d.body['event'] === 'click');
      await eventually(() => clicks(first).length === 1 && clicks(second).length === 1, 'both clicks');
      for (const receiver of [first, second]) {
        const link = clicks(receiver)[0]!.body['link'] as string;
        expect(link).toHaveLength(WEBHOOK_FIELD_MAX_BYTES);
        expect(longLink.startsWith(link)).toBe(true);
      }
      expect(lines).toEqual([]);
    } finally {
      await fixture.close();
      await closeServer(first.server);
      await closeServer(second.server);
    }
  });
});

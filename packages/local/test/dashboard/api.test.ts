import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWarmupPlan } from '@ses-cli/sdk';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../dashboard-ui/build.js';
import type {
  AdvanceView,
  ClockView,
  FunnelView,
  MessageDetailView,
  MessageListView,
  TaskListView,
  WarmupView,
} from '../../src/dashboard/index.js';
import { DEFAULT_LOCAL_KEYS } from '../../src/emulator/keys.js';
import {
  addresses,
  b64,
  batchTo,
  DAY,
  type DashboardHarness,
  DOMAIN,
  dashboardPost,
  getJson,
  SENDER,
  sendOne,
  setUpSender,
  startDashboard,
} from './harness.js';

let assetsDir: string;
let h: DashboardHarness | undefined;

beforeAll(async () => {
  assetsDir = mkdtempSync(join(tmpdir(), 'ses-dashboard-assets-'));
  await buildDashboard(assetsDir);
});
afterAll(() => rmSync(assetsDir, { recursive: true, force: true }));
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: Parameters<typeof startDashboard>[0] = {}): Promise<DashboardHarness> {
  h = await startDashboard({ ...options, dashboard: { assetsDir, ...options.dashboard } });
  return h;
}

describe('GET /ui/api/messages', () => {
  it('lists captured emails newest first, filtered by recipient, subject or message id, paginated', async () => {
    const h = await start();
    await setUpSender(h);
    const first = await sendOne(h, 'ana@example.com', 'Welcome Ana');
    await sendOne(h, 'bo@example.com', 'Invoice 42');
    await sendOne(h, 'ana@example.com', 'Your receipt');

    const all = await getJson<MessageListView>(h, '/ui/api/messages');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((item) => item.subject)).toEqual(['Your receipt', 'Invoice 42', 'Welcome Ana']);

    const toAna = await getJson<MessageListView>(h, '/ui/api/messages?to=ANA@example.com');
    expect(toAna.body.items.map((item) => item.subject)).toEqual(['Your receipt', 'Welcome Ana']);
    const bySubject = await getJson<MessageListView>(h, '/ui/api/messages?subject=voice');
    expect(bySubject.body.items.map((item) => item.to)).toEqual(['bo@example.com']);
    const byId = await getJson<MessageListView>(h, `/ui/api/messages?messageId=${encodeURIComponent(first)}`);
    expect(byId.body.items.map((item) => item.id)).toEqual([first]);

    const page = await getJson<MessageListView>(h, '/ui/api/messages?limit=2&offset=2');
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.body.items.map((item) => item.subject)).toEqual(['Welcome Ana']);
  });

  it('lists every recipient of a message with its status record, and finds it by any of them', async () => {
    const h = await start();
    await setUpSender(h);
    const id = await sendOne(h, 'ana@example.com', 'For two', undefined, {
      Destination: ['ana@example.com', 'bounce@simulator.test'],
      Cc: ['cy@example.com'],
    });
    const bySecond = await getJson<MessageListView>(h, '/ui/api/messages?to=bounce%40simulator.test');
    expect(bySecond.body.items.map((item) => item.id)).toEqual([id]);
    expect((await getJson<MessageListView>(h, '/ui/api/messages?to=cy%40example.com')).body.total).toBe(1);
    const item = bySecond.body.items[0]!;
    expect(item.recipients.map((recipient) => [recipient.address, recipient.outcome])).toEqual([
      ['ana@example.com', 'delivered'],
      ['bounce@simulator.test', 'bounced'],
      ['cy@example.com', 'delivered'],
    ]);
    expect(item.outcome).toBe('mixed');

    const detail = (await getJson<MessageDetailView>(h, `/ui/api/messages/${encodeURIComponent(id)}`)).body;
    expect(detail.headerTo).toBe('ana@example.com, bounce@simulator.test');
    expect(detail.headerCc).toBe('cy@example.com');
    expect(detail.recipients).toEqual(item.recipients);
  });

  it('shows where each email ended up as GetSendEmailStatus reports it, not just "sent"', async () => {
    const h = await start();
    await setUpSender(h);
    const ids = {
      delivered: await sendOne(h, 'ana@example.com', 'Fine'),
      bounced: await sendOne(h, 'bounce@simulator.test', 'Hard'),
      'soft bounce': await sendOne(h, 'softbounce@simulator.test', 'Soft'),
      deferred: await sendOne(h, 'defer@simulator.test', 'Later'),
    };
    const today = h.backend.now().toISOString().slice(0, 10);
    for (const [outcome, id] of Object.entries(ids)) {
      const detail = (await getJson<MessageDetailView>(h, `/ui/api/messages/${encodeURIComponent(id)}`)).body;
      const status = (
        (await h.call('GetSendEmailStatus', { RequestDate: today, MessageId: id, Limit: 10, Offset: 0 }))[
          'EmailStatusList'
        ] as { DeliverStatus: number; DeliverMessage: string }[]
      )[0]!;
      expect(detail.outcome, outcome).toBe(outcome);
      // A deferred email waits for its retry: nothing captured yet, but its page still answers.
      expect(detail.captured, outcome).toBe(outcome !== 'deferred');
      expect(detail.recipients[0], outcome).toMatchObject({
        deliverStatus: status.DeliverStatus,
        ...(status.DeliverMessage ? { reason: status.DeliverMessage } : {}),
      });
    }
    const list = (await getJson<MessageListView>(h, '/ui/api/messages')).body.items;
    expect(list.map((item) => item.outcome)).toEqual(['deferred', 'soft bounce', 'bounced', 'delivered']);
  });

  it('shows every recipient of a deferred message as deferred, not the ones riding along as queued', async () => {
    const h = await start();
    await setUpSender(h);
    const id = await sendOne(h, 'defer@simulator.test', 'Later', undefined, {
      Destination: ['ana@example.com', 'defer@simulator.test'],
      Cc: ['cy@example.com'],
    });
    const item = (await getJson<MessageListView>(h, '/ui/api/messages')).body.items.find((m) => m.id === id)!;
    expect(item.recipients.map((r) => [r.address, r.outcome, r.deliverStatus])).toEqual([
      ['ana@example.com', 'deferred', 8],
      ['defer@simulator.test', 'deferred', 8],
      ['cy@example.com', 'deferred', 8],
    ]);
    expect(item.outcome).toBe('deferred');
  });

  it('refuses a page size out of range', async () => {
    const h = await start();
    const answer = await getJson<{ error: string }>(h, '/ui/api/messages?limit=1000');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/limit/);
  });
});

describe('GET /ui/api/messages/<id>', () => {
  it('parses the email, drops the open pixel, and links raw source and attachments to the inspection API', async () => {
    const h = await start();
    await setUpSender(h);
    const id = await sendOne(
      h,
      'ana@example.com',
      'With attachment',
      { html: '<p>Hi <a href="https://example.org/x">there</a></p>', text: 'Hi there' },
      { Attachments: [{ FileName: 'note.txt', Content: b64('attached text') }] },
    );
    const sent = await simpleParser(h.backend.messages.raw(id)!);
    expect(sent.html).toMatch(/\/t\/open\/[A-Za-z0-9_-]+\.gif/);

    const { status, body } = await getJson<MessageDetailView>(
      h,
      `/ui/api/messages/${encodeURIComponent(id)}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id,
      to: 'ana@example.com',
      subject: 'With attachment',
      status: 'sent',
      outcome: 'delivered',
    });
    expect(body.html).toContain('/t/click/');
    expect(body.html).not.toContain('/t/open/');
    expect(body.text).toContain('Hi there');
    expect(body.headers).toContainEqual({ name: 'subject', value: 'With attachment' });
    expect(body.events.map((event) => event.type)).toContain('delivered');
    expect(body.attachments).toEqual([
      expect.objectContaining({
        index: 0,
        filename: 'note.txt',
        url: `/_emulator/messages/${encodeURIComponent(id)}/attachments/0`,
      }),
    ]);

    const attachment = await fetch(`${h.url}${body.attachments[0]!.url}`);
    expect(await attachment.text()).toBe('attached text');
    const source = await fetch(`${h.url}${body.rawUrl}`);
    expect(Buffer.from(await source.arrayBuffer()).equals(h.backend.messages.raw(id)!)).toBe(true);
  });

  it('decodes encoded words in the header fields it shows; the raw source keeps them', async () => {
    const h = await start();
    await setUpSender(h);
    const subject = 'Café – 测试 Ümlaut, a subject long enough that the encoder splits it into several words';
    const id = await sendOne(h, 'ana@example.com', subject);
    const raw = h.backend.messages.raw(id)!.toString('utf8');
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    const { body } = await getJson<MessageDetailView>(h, `/ui/api/messages/${encodeURIComponent(id)}`);
    expect(body.headers).toContainEqual({ name: 'subject', value: subject });
    expect(body.headers.find((header) => header.name === 'from')?.value).toBe(`News <${SENDER}>`);
  });

  it('shows a click recorded through the tracking link among the events', async () => {
    const h = await start();
    await setUpSender(h);
    const id = await sendOne(h, 'ana@example.com', 'Click me', {
      html: '<a href="https://example.org/go">go</a>',
    });
    const detail = await getJson<MessageDetailView>(h, `/ui/api/messages/${encodeURIComponent(id)}`);
    const link = /href="([^"]*\/t\/click\/[^"]+)"/.exec(detail.body.html ?? '')?.[1];
    expect(link).toBeDefined();
    const followed = await fetch(link!, { redirect: 'manual' });
    expect(followed.headers.get('location')).toBe('https://example.org/go');
    const after = await getJson<MessageDetailView>(h, `/ui/api/messages/${encodeURIComponent(id)}`);
    expect(after.body.events).toContainEqual(
      expect.objectContaining({ type: 'click', link: 'https://example.org/go' }),
    );
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const h = await start();
    expect((await getJson(h, '/ui/api/messages/nope')).status).toBe(404);
    expect((await getJson(h, '/ui/api/messages/%E0%A4%A')).status).toBe(400);
  });
});

describe('GET /ui/api/tasks', () => {
  it('reports a batch task with its counters and progress', async () => {
    const h = await start();
    const templateId = await setUpSender(h);
    const taskId = await batchTo(h, templateId, addresses(3));
    const { body } = await getJson<TaskListView>(h, '/ui/api/tasks');
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      id: taskId,
      type: 1,
      typeLabel: 'immediate',
      status: 10,
      statusLabel: 'finished',
      from: expect.stringContaining(SENDER),
      requested: 3,
      sent: 3,
      cached: 0,
      progress: 1,
    });
  });
});

describe('GET /ui/api/tasks?id=', () => {
  it('answers that one task, counts what a finished task did not send, and none for an unknown id', async () => {
    const h = await start();
    const templateId = await setUpSender(h);
    // A hard bounce puts the address on the bounce blacklist: the batch then refuses it.
    await sendOne(h, 'bounce@simulator.test', 'First');
    const first = await batchTo(h, templateId, ['bounce@simulator.test', ...addresses(2)]);
    await batchTo(h, templateId, addresses(1, 'other'));
    const { body } = await getJson<TaskListView>(h, `/ui/api/tasks?id=${first}`);
    expect(body.total).toBe(1);
    const task = body.items[0]!;
    expect(task).toMatchObject({ id: first, status: 10, requested: 3 });
    expect(task.notSent).toBe(task.requested - task.sent - task.cached);
    expect(task.notSent).toBeGreaterThan(0);
    expect((await getJson<TaskListView>(h, '/ui/api/tasks?id=999')).body).toMatchObject({
      total: 0,
      items: [],
    });
    expect((await getJson(h, '/ui/api/tasks?id=abc')).status).toBe(400);
  });
});

describe('GET /ui/api/warmup', () => {
  const plan = parseWarmupPlan({
    days: [
      { day: 1, limit: 2 },
      { day: 2, limit: 3 },
      { day: 3, limit: 10 },
    ],
  });

  it('shows today, the quota, sent per day and what is cached for tomorrow, and follows time travel', async () => {
    const h = await start({ backend: { warmupPlan: plan }, dashboard: { warmupPlan: plan } });
    const templateId = await setUpSender(h);
    await batchTo(h, templateId, addresses(7));

    const day1 = (await getJson<WarmupView>(h, '/ui/api/warmup')).body;
    expect(day1.plan).toEqual([
      { day: 1, limit: 2 },
      { day: 2, limit: 3 },
      { day: 3, limit: 10 },
    ]);
    const today = h.backend.now().toISOString().slice(0, 10);
    expect(day1.domains).toEqual([
      {
        domain: DOMAIN,
        verified: true,
        day: 1,
        quota: 2,
        sentToday: 2,
        remainingToday: 0,
        cached: 5,
        tomorrow: { day: 2, quota: 3, fromCache: 3 },
        history: [{ date: today, day: 1, quota: 2, sent: 2 }],
        cacheDays: 2,
      },
    ]);

    const moved = await dashboardPost(h, '/ui/api/clock/advance', { ms: DAY });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as AdvanceView).emailsSent).toBe(3);
    const day2 = (await getJson<WarmupView>(h, '/ui/api/warmup')).body.domains[0]!;
    expect(day2).toMatchObject({
      day: 2,
      quota: 3,
      sentToday: 3,
      cached: 2,
      tomorrow: { day: 3, fromCache: 2 },
    });
    expect(day2.history.map((entry) => [entry.day, entry.sent])).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });
});

describe('GET /ui/api/funnel', () => {
  it('matches GetStatisticsReport per day and in total, by default over the last 7 days', async () => {
    const h = await start();
    await setUpSender(h);
    const id = await sendOne(h, 'ana@example.com', 'One', { html: '<a href="https://example.org/a">a</a>' });
    await sendOne(h, 'bounce@simulator.test', 'Two');
    await sendOne(h, 'open@simulator.test', 'Three');
    const detail = (await getJson<MessageDetailView>(h, `/ui/api/messages/${encodeURIComponent(id)}`)).body;
    await fetch(/href="([^"]*\/t\/click\/[^"]+)"/.exec(detail.html ?? '')![1]!, { redirect: 'manual' });

    const today = h.backend.now().toISOString().slice(0, 10);
    const { status, body } = await getJson<FunnelView>(h, '/ui/api/funnel');
    expect(status).toBe(200);
    expect(body.end).toBe(today);
    expect(body.daily).toHaveLength(7);
    expect(body.domains).toEqual([DOMAIN]);

    const report = await h.call('GetStatisticsReport', { StartDate: body.start, EndDate: body.end });
    const overall = report['OverallVolume'] as Record<string, number>;
    expect(body.total).toEqual({
      requested: overall['RequestCount'],
      accepted: overall['AcceptedCount'],
      delivered: overall['DeliveredCount'],
      opened: overall['OpenedCount'],
      clicked: overall['ClickedCount'],
      bounced: overall['BounceCount'],
      unsubscribed: overall['UnsubscribeCount'],
    });
    expect(body.total).toMatchObject({ requested: 3, bounced: 1, clicked: 1 });
    const daily = report['DailyVolumes'] as Record<string, unknown>[];
    expect(body.daily.map((day) => [day.date, day.requested])).toEqual(
      daily.map((day) => [day['SendDate'], day['RequestCount']]),
    );
  });

  it('takes a date range and a sender domain, and reports bad ranges', async () => {
    const h = await start();
    await setUpSender(h);
    await sendOne(h, 'ana@example.com', 'One');
    const today = h.backend.now().toISOString().slice(0, 10);
    const other = (
      await getJson<FunnelView>(h, `/ui/api/funnel?start=${today}&end=${today}&domain=other.example`)
    ).body;
    expect(other.total.requested).toBe(0);
    const mine = (await getJson<FunnelView>(h, `/ui/api/funnel?start=${today}&end=${today}&domain=${DOMAIN}`))
      .body;
    expect(mine).toMatchObject({ start: today, end: today, domain: DOMAIN, total: { requested: 1 } });

    expect((await getJson(h, '/ui/api/funnel?start=2026-02-30')).status).toBe(400);
    const tooLong = await getJson<{ error: string }>(h, '/ui/api/funnel?start=2025-01-01&end=2025-12-31');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatch(/WrongDate/);
  });
});

describe('time travel and reset', () => {
  it('advances the clock, runs due work and answers the new time', async () => {
    const h = await start();
    const before = (await getJson<ClockView>(h, '/ui/api/clock')).body;
    const answer = await dashboardPost(h, '/ui/api/clock/advance', { ms: 2 * DAY });
    expect(answer.status).toBe(200);
    const moved = (await answer.json()) as AdvanceView;
    expect(Date.parse(moved.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(2 * DAY);
    expect(moved).toMatchObject({ timeZone: 'UTC', tasksStarted: 0, emailsSent: 0 });
    expect((await dashboardPost(h, '/ui/api/clock/advance', { ms: -1 })).status).toBe(400);
    expect((await dashboardPost(h, '/ui/api/clock/advance', { ms: '1' })).status).toBe(400);
  });

  it('resets only with the explicit confirmation', async () => {
    const h = await start();
    await setUpSender(h);
    await sendOne(h, 'ana@example.com', 'Gone soon');
    expect((await dashboardPost(h, '/ui/api/reset', {})).status).toBe(400);
    expect(h.backend.messages.list().total).toBe(1);
    expect((await dashboardPost(h, '/ui/api/reset', { confirm: 'reset' })).status).toBe(200);
    expect(h.backend.messages.list().total).toBe(0);
    expect((await h.call('ListEmailIdentities', {}))['EmailIdentities']).toEqual([]);
  });
});

describe('CSRF guard on POST', () => {
  it('refuses requests without the custom header, form posts, other origins and cross-site fetches', async () => {
    const h = await start();
    const noHeader = await fetch(`${h.url}/ui/api/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: DAY }),
    });
    expect(noHeader.status).toBe(403);
    const form = await fetch(`${h.url}/ui/api/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-ses-dashboard': '1' },
      body: 'ms=86400000',
    });
    expect(form.status).toBe(415);
    const otherOrigin = await dashboardPost(
      h,
      '/ui/api/clock/advance',
      { ms: DAY },
      { origin: 'http://evil.example' },
    );
    expect(otherOrigin.status).toBe(403);
    const crossSite = await dashboardPost(
      h,
      '/ui/api/reset',
      { confirm: 'reset' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    const sameOrigin = await dashboardPost(h, '/ui/api/clock/advance', { ms: 0 }, { origin: h.url });
    expect(sameOrigin.status).toBe(200);
    expect(Date.parse((await getJson<ClockView>(h, '/ui/api/clock')).body.now) - Date.now()).toBeLessThan(
      DAY / 2,
    );
  });

  it('refuses a host name other than an IP address or localhost (DNS rebinding)', async () => {
    const h = await start();
    const { port } = new URL(h.url);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/ui/api/reset',
          method: 'POST',
          headers: {
            host: `rebound.example:${port}`,
            'content-type': 'application/json',
            'x-ses-dashboard': '1',
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ confirm: 'reset' }));
    });
    expect(status).toBe(403);
  });

  it('refuses bodies that are not a JSON object', async () => {
    const h = await start();
    expect((await dashboardPost(h, '/ui/api/clock/advance', [1])).status).toBe(400);
    const notJson = await fetch(`${h.url}/ui/api/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ses-dashboard': '1' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });
});

describe('refused requests get readable answers', () => {
  /** A GET through node:http, which (unlike fetch) sends the Host header it is given. */
  const getWithHost = (url: string, path: string, host: string) =>
    new Promise<{ status: number; csp: string | undefined }>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const request = httpRequest({ host: hostname, port, path, headers: { host } }, (response) => {
        response.resume();
        resolve({
          status: response.statusCode ?? 0,
          csp: response.headers['content-security-policy'] as string | undefined,
        });
      });
      request.on('error', reject);
      request.end();
    });

  it('refuses reads under a foreign host name (DNS rebinding) and serves allowed names', async () => {
    const h = await start({ dashboard: { allowedHosts: ['devbox.test'] } });
    const { port } = new URL(h.url);
    for (const path of ['/ui', '/ui/api/messages', '/ui/api/clock', '/ui/assets/app.js']) {
      const refused = await getWithHost(h.url, path, `rebound.example:${port}`);
      expect(refused.status, path).toBe(403);
      expect(refused.csp, path).toContain("default-src 'self'");
    }
    for (const host of [`localhost:${port}`, `devbox.test:${port}`, `[::1]:${port}`]) {
      expect((await getWithHost(h.url, '/ui/api/clock', host)).status, host).toBe(200);
    }
  });

  it('answers 400 with the reason, and the CSP, when advancing past the 100-year cap', async () => {
    const h = await start();
    // Up to the cap in process (fast), then one step over it through the API.
    for (let i = 0; i < 200; i++) {
      try {
        h.backend.advanceTime(366 * DAY);
      } catch {
        break;
      }
    }
    const before = (await getJson<ClockView>(h, '/ui/api/clock')).body.now;
    const answer = await dashboardPost(h, '/ui/api/clock/advance', { ms: 366 * DAY });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(((await answer.json()) as { error: string }).error).toMatch(
      /^emulated time may run at most \d+ ms \(about 100 years\) ahead of the real clock$/,
    );
    expect((await getJson<ClockView>(h, '/ui/api/clock')).body.now.slice(0, 10)).toBe(before.slice(0, 10));
  });

  it('answers a 2 MB POST body with a readable 413, not a reset connection, and resets nothing', async () => {
    const h = await start();
    await setUpSender(h);
    await sendOne(h, 'ana@example.com', 'Stays');
    for (const size of [17 * 1024, 2 * 1024 * 1024]) {
      const answer = await dashboardPost(h, '/ui/api/reset', { confirm: 'reset', pad: 'x'.repeat(size) });
      expect(answer.status, String(size)).toBe(413);
      expect(await answer.json()).toEqual({ error: 'request body too large (limit 16 KiB)' });
    }
    expect(h.backend.messages.list().total).toBe(1);
    expect((await getJson<ClockView>(h, '/ui/api/clock')).status).toBe(200);
  });
});

describe('the app and its assets', () => {
  it('serves the page on every client route with a strict CSP, and no credentials in it', async () => {
    const h = await start();
    for (const path of ['/ui', '/ui/', '/ui/tasks', '/ui/messages/abc']) {
      const page = await fetch(`${h.url}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = page.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'self'",
        "frame-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
      ]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(await page.text()).toContain('/ui/assets/app.js');
    }
    const script = await fetch(`${h.url}/ui/assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const code = await script.text();
    expect(code.length).toBeGreaterThan(1000);
    expect(code).not.toContain(DEFAULT_LOCAL_KEYS.secretKey);
    expect(code).not.toContain(DEFAULT_LOCAL_KEYS.secretId);
  });

  it('answers 404 for unknown assets and API routes, and leaves other paths to the caller', async () => {
    const h = await start();
    expect((await fetch(`${h.url}/ui/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${h.url}/ui/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${h.url}/ui/api/nope`)).status).toBe(404);
    expect((await fetch(`${h.url}/ui/api/clock`, { method: 'DELETE' })).status).toBe(405);
    // Not the dashboard's: the harness's own 404 (no JSON body).
    const other = await fetch(`${h.url}/uix`);
    expect(other.status).toBe(404);
    expect(other.headers.get('content-security-policy')).toBeNull();
  });

  it('explains how to build when the front end is missing', async () => {
    const h = await start({ dashboard: { assetsDir: join(tmpdir(), 'ses-dashboard-not-built') } });
    const page = await fetch(`${h.url}/ui`);
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/pnpm build/);
  });
});

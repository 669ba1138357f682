import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorFixture, getJson, SENDER, setUpSender, startFixture } from './fixtures.js';
import { rawRequest } from './raw-request.js';

// The inspection API and the dashboard have no authentication: these are the checks that keep a web
// page in the user's browser (cross-site request forgery, DNS rebinding) away from them.

let fixture: EmulatorFixture;
let url: string;
let port: string;
let messageId: string;

beforeAll(async () => {
  fixture = await startFixture({ allowedHosts: ['devbox.test'] });
  url = fixture.emulator.url;
  port = new URL(url).port;
  const templateId = await setUpSender(fixture.client);
  const sent = await fixture.client.invoke('SendEmail', {
    FromEmailAddress: SENDER,
    Destination: ['ana@example.org'],
    Subject: 'Kept',
    Template: { TemplateID: templateId, TemplateData: '{"name":"Ana"}' },
  });
  messageId = sent.MessageId as string;
});
afterAll(() => fixture.close());

const clockNow = async () => (await getJson<{ now: string }>(`${url}/_emulator/clock`)).body.now;
const faultRules = async () => (await getJson<{ faults: object }>(`${url}/_emulator/faults`)).body.faults;
const DAY_MS = 86_400_000;

describe('state-changing /_emulator routes refuse cross-site requests', () => {
  it('refuses a cross-site form POST to the clock and leaves the clock alone', async () => {
    const before = Date.parse(await clockNow());
    const answer = await rawRequest(url, `/_emulator/clock?advanceMs=${300 * DAY_MS}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      body: 'x=1',
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error).toContain('Origin');
    expect(Date.parse(await clockNow()) - before).toBeLessThan(DAY_MS);
  });

  it.each([
    ['an Origin of another site', { origin: 'http://evil.example' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
  ])('refuses a JSON POST to /_emulator/faults with %s', async (_name, headers) => {
    const answer = await rawRequest(url, '/_emulator/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{"*":{"kind":"reset-before"}}',
    });
    expect(answer.status).toBe(403);
    expect(await faultRules()).toEqual({});
  });

  it('refuses a text/plain or form body without Origin (415), and a form POST to the clock', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const answer = await rawRequest(url, '/_emulator/faults', {
        method: 'POST',
        headers: { 'content-type': type },
        body: '{"*":{"kind":"reset-before"}}',
      });
      expect(answer.status).toBe(415);
      expect(JSON.parse(answer.body)).toEqual({ error: 'content-type must be application/json' });
    }
    expect(await faultRules()).toEqual({});
    const clock = await rawRequest(url, '/_emulator/clock?advanceMs=0', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '',
    });
    expect(clock.status).toBe(415);
  });

  it('refuses cross-site DELETEs of messages and fault rules', async () => {
    const del = await rawRequest(url, `/_emulator/messages/${encodeURIComponent(messageId)}`, {
      method: 'DELETE',
      headers: { origin: 'http://evil.example' },
    });
    expect(del.status).toBe(403);
    expect(fixture.emulator.backend.messages.get(messageId)).toBeDefined();
    fixture.emulator.faults.set({ SendEmail: { kind: 'latency', delayMs: 0 } });
    const clear = await rawRequest(url, '/_emulator/faults', {
      method: 'DELETE',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(clear.status).toBe(403);
    expect(Object.keys(await faultRules())).toEqual(['SendEmail']);
    fixture.emulator.faults.clear();
  });

  it('keeps serving what Node clients, curl and same-origin pages send', async () => {
    // fetch without a body (no Content-Type), as the tests and the docs' curl examples do.
    expect((await fetch(`${url}/_emulator/clock?advanceMs=0`, { method: 'POST' })).status).toBe(200);
    const sameOrigin = await rawRequest(url, '/_emulator/clock?advanceMs=0', {
      method: 'POST',
      headers: { origin: url, 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.status).toBe(200);
    const json = await rawRequest(url, '/_emulator/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', origin: url },
      body: '{"SendEmail":{"kind":"latency","delayMs":0}}',
    });
    expect(json.status).toBe(200);
    expect((await fetch(`${url}/_emulator/faults`, { method: 'DELETE' })).status).toBe(200);
    expect(await faultRules()).toEqual({});
  });
});

describe('Host allow-list on /_emulator and /ui (DNS rebinding)', () => {
  it.each([
    '/_emulator/health',
    '/_emulator/messages',
    '/_emulator/faults',
    '/_emulator/clock',
    '/ui',
    '/ui/api/messages',
  ])('refuses GET %s under a foreign host name', async (path) => {
    const answer = await rawRequest(url, path, { headers: { host: `attacker.example:${port}` } });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('ana@example.org');
  });

  it('refuses reading a captured message under a foreign host name', async () => {
    const answer = await rawRequest(url, `/_emulator/messages/${encodeURIComponent(messageId)}/raw`, {
      headers: { host: 'attacker.example' },
    });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('Kept');
  });

  it.each([
    `127.0.0.1:PORT`,
    `localhost:PORT`,
    `app.localhost:PORT`,
    `[::1]:PORT`,
    `192.168.1.20:PORT`,
    `devbox.test:PORT`,
    `DEVBOX.TEST`,
  ])('answers under Host %s (IP addresses, localhost, allowedHosts)', async (host) => {
    const answer = await rawRequest(url, '/_emulator/messages', {
      headers: { host: host.replace('PORT', port) },
    });
    expect(answer.status).toBe(200);
    expect(
      (await rawRequest(url, '/ui/api/clock', { headers: { host: host.replace('PORT', port) } })).status,
    ).toBe(200);
  });

  it('leaves the API and tracking links alone: they are reached under any name', async () => {
    // A real client may sign the cloud's host name: it gets the envelope, not a 403.
    const api = await rawRequest(url, '/', {
      method: 'POST',
      headers: { host: 'ses.tencentcloudapi.com', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body).Response.Error.Code).toBe('MissingParameter');
    const pixel = await rawRequest(url, '/t/open/unknown.gif', { headers: { host: 'mail.example.net' } });
    expect(pixel.status).toBe(200);
  });
});

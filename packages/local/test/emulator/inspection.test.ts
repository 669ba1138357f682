import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorFixture, getJson, SENDER, setUpSender, startFixture } from './fixtures.js';
import { rawRequest } from './raw-request.js';

interface Summary {
  id: string;
  to: string;
  subject: string;
  status: string;
}
interface ListAnswer {
  items: Summary[];
  total: number;
}
interface Parsed extends Summary {
  events: { type: string }[];
  parsed: {
    subject: string;
    from: string;
    to: string;
    html?: string;
    text: string;
    attachments: { index: number; filename: string; contentType: string; size: number }[];
  };
}

let fixture: EmulatorFixture;
let base: string;
let templateId: number;
const ids: Record<string, string> = {};
const REPORT = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13, 0]);

beforeAll(async () => {
  fixture = await startFixture();
  base = `${fixture.emulator.url}/_emulator`;
  templateId = await setUpSender(fixture.client);
  const send = async (to: string, subject: string, attach = false) => {
    const { MessageId } = await fixture.client.invoke('SendEmail', {
      FromEmailAddress: `Example <${SENDER}>`,
      Destination: [to],
      Subject: subject,
      Template: { TemplateID: templateId, TemplateData: '{"name":"Ana"}' },
      ...(attach ? { Attachments: [{ FileName: 'report.bin', Content: REPORT.toString('base64') }] } : {}),
    });
    ids[subject] = MessageId as string;
  };
  await send('a@example.org', 'One');
  await send('b@example.org', 'Two', true);
  await send('a@example.org', 'Three');
});
afterAll(() => fixture.close());

describe('emulator inspection API', () => {
  it('lists captured messages newest first, with filters and paging', async () => {
    const all = await getJson<ListAnswer>(`${base}/messages`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((m) => m.subject)).toEqual(['Three', 'Two', 'One']);
    expect(all.body.items[0]).toMatchObject({ id: ids.Three, to: 'a@example.org', status: 'sent' });

    const toA = await getJson<ListAnswer>(`${base}/messages?to=${encodeURIComponent('A@example.org')}`);
    expect(toA.body.items.map((m) => m.subject)).toEqual(['Three', 'One']);
    const byId = await getJson<ListAnswer>(`${base}/messages?messageId=${encodeURIComponent(ids.Two!)}`);
    expect(byId.body).toMatchObject({ total: 1, items: [{ subject: 'Two' }] });
    const bySubject = await getJson<ListAnswer>(`${base}/messages?subject=hre`);
    expect(bySubject.body.items.map((m) => m.subject)).toEqual(['Three']);
    const page = await getJson<ListAnswer>(`${base}/messages?limit=1&offset=1`);
    expect(page.body).toMatchObject({ total: 3, items: [{ subject: 'Two' }] });
  });

  it('answers one message as parsed JSON with its events', async () => {
    const { status, body } = await getJson<Parsed>(`${base}/messages/${encodeURIComponent(ids.Two!)}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: ids.Two, to: 'b@example.org', subject: 'Two' });
    expect(body.events.map((e) => e.type)).toContain('delivered');
    expect(body.parsed).toMatchObject({
      subject: 'Two',
      from: `"Example" <${SENDER}>`,
      to: 'b@example.org',
      text: 'Hi Ana',
    });
    expect(body.parsed.html).toContain('Hi Ana');
    expect(body.parsed.attachments).toEqual([
      { index: 0, filename: 'report.bin', contentType: 'application/octet-stream', size: REPORT.length },
    ]);
  });

  it('answers the raw .eml and each attachment byte for byte', async () => {
    const raw = await fetch(`${base}/messages/${encodeURIComponent(ids.Two!)}/raw`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    const source = await raw.text();
    expect(source).toMatch(/^Subject: Two\r$/m);
    expect(source).toContain(REPORT.toString('base64'));

    const attachment = await fetch(`${base}/messages/${encodeURIComponent(ids.Two!)}/attachments/0`);
    expect(attachment.status).toBe(200);
    expect(attachment.headers.get('content-disposition')).toBe('attachment; filename="report.bin"');
    expect(Buffer.from(await attachment.arrayBuffer())).toEqual(REPORT);
    expect((await fetch(`${base}/messages/${encodeURIComponent(ids.Two!)}/attachments/1`)).status).toBe(404);
  });

  it('deletes a message', async () => {
    const url = `${base}/messages/${encodeURIComponent(ids.One!)}`;
    const deleted = await getJson<{ deleted: string }>(url, { method: 'DELETE' });
    expect(deleted).toEqual({ status: 200, body: { deleted: ids.One } });
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(`${url}/raw`)).status).toBe(404);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(404);
    expect((await getJson<ListAnswer>(`${base}/messages`)).body.total).toBe(2);
    // Only the capture is forgotten: the service's records of the send stay.
    const records = await fixture.client.invoke('GetSendEmailStatus', {
      RequestDate: fixture.today(),
      MessageId: ids.One,
      Offset: 0,
      Limit: 10,
    });
    expect(records['EmailStatusList']).toHaveLength(1);
  });

  it('answers 404 for unknown messages and routes', async () => {
    expect((await fetch(`${base}/messages/qcloudses-nothing`)).status).toBe(404);
    expect((await fetch(`${base}/messages/qcloudses-nothing/raw`)).status).toBe(404);
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${fixture.emulator.url}/not-an-api-path`)).status).toBe(404);
  });

  it('answers the parsed headers as sent, not as mailparser decodes them', async () => {
    const source = await (await fetch(`${base}/messages/${encodeURIComponent(ids.Two!)}/raw`)).text();
    // The value of the first `name:` line of the raw header, folded lines included.
    const rawValue = (name: string) => {
      const head = source.slice(0, source.indexOf('\r\n\r\n'));
      const match = new RegExp(`^${name}:(.*(?:\r\n[ \t].*)*)`, 'im').exec(head);
      return match?.[1]?.trim();
    };
    const { body } = await getJson<{ parsed: { headers: Record<string, string> } }>(
      `${base}/messages/${encodeURIComponent(ids.Two!)}`,
    );
    const headers = body.parsed.headers;
    for (const name of ['from', 'to', 'date', 'content-type', 'message-id', 'subject']) {
      expect(headers[name], name).toBe(rawValue(name));
    }
    expect(headers['from']).toContain(SENDER);
    expect(headers['content-type']).toMatch(/^multipart\//);
    expect(headers['date']).toMatch(/^\w{3}, \d{1,2} \w{3} \d{4} /);
    for (const [name, value] of Object.entries(headers)) {
      expect(value, name).not.toContain('[object Object]');
    }
    if (rawValue('dkim-signature') !== undefined) {
      expect(headers['dkim-signature']).toBe(rawValue('dkim-signature'));
    }
  });

  it.each([
    ['GET', '/messages/%E0%A4%A'],
    ['GET', '/messages/%ZZ/raw'],
    ['GET', '/messages/%ZZ/attachments/0'],
    ['DELETE', '/messages/%E0%A4%A'],
  ])('answers %s %s (malformed percent-encoding) with 400, not 500', async (method, path) => {
    const answer = await rawRequest(fixture.emulator.url, `/_emulator${path}`, { method });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: 'malformed message id' });
  });

  it('finds a message by any of its recipients: Destination, Cc and Bcc', async () => {
    const { MessageId } = await fixture.client.invoke('SendEmail', {
      FromEmailAddress: SENDER,
      Destination: ['Dee@example.org', 'eve@example.org'],
      Cc: ['carol@example.org'],
      Bcc: ['dave@example.org'],
      Subject: 'Many',
      Template: { TemplateID: templateId, TemplateData: '{"name":"all"}' },
    });
    for (const to of ['dee@example.org', 'eve@example.org', 'CAROL@example.org', 'dave@example.org']) {
      const found = await getJson<ListAnswer>(`${base}/messages?to=${encodeURIComponent(to)}`);
      expect(found.body, to).toMatchObject({ total: 1, items: [{ id: MessageId, subject: 'Many' }] });
    }
    // Still an exact address, not a substring.
    expect((await getJson<ListAnswer>(`${base}/messages?to=example.org`)).body.total).toBe(0);
    expect((await getJson<ListAnswer>(`${base}/messages?to=ve%40example.org`)).body.total).toBe(0);
  });

  it('names a non-ASCII attachment with RFC 6266 filename* and answers HEAD on the byte routes', async () => {
    const name = "数据 (it's 100%).csv";
    const { MessageId } = await fixture.client.invoke('SendEmail', {
      FromEmailAddress: SENDER,
      Destination: ['f@example.org'],
      Subject: 'Named',
      Template: { TemplateID: templateId, TemplateData: '{"name":"Fay"}' },
      Attachments: [{ FileName: name, Content: Buffer.from('a,b\n').toString('base64') }],
    });
    const url = `${base}/messages/${encodeURIComponent(MessageId as string)}`;
    const attachment = await fetch(`${url}/attachments/0`);
    const disposition = attachment.headers.get('content-disposition') ?? '';
    // An ASCII fallback for old clients, then the real name, percent-encoded (no raw byte of it).
    expect(disposition).toBe(
      `attachment; filename="__ _it_s 100__.csv"; filename*=UTF-8''%E6%95%B0%E6%8D%AE%20%28it%27s%20100%25%29.csv`,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(name);

    for (const path of ['/raw', '/attachments/0']) {
      const head = await fetch(`${url}${path}`, { method: 'HEAD' });
      const get = await fetch(`${url}${path}`);
      expect(head.status, path).toBe(200);
      expect(head.headers.get('content-length'), path).toBe(get.headers.get('content-length'));
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      expect(await head.text(), path).toBe('');
    }
    expect((await fetch(`${url}/attachments/1`, { method: 'HEAD' })).status).toBe(404);
  });

  it('reads and advances the emulated clock', async () => {
    const before = await getJson<{ now: string }>(`${base}/clock`);
    const moved = await getJson<{ now: string; uploads: number }>(`${base}/clock?advanceMs=86400000`, {
      method: 'POST',
    });
    expect(moved.status).toBe(200);
    const gained = Date.parse(moved.body.now) - Date.parse(before.body.now);
    expect(gained).toBeGreaterThanOrEqual(86_400_000);
    expect(gained).toBeLessThan(86_400_000 + 60_000);
    expect(moved.body.uploads).toBe(0);
    for (const bad of ['-5', '9007199254740991', 'soon']) {
      const refused = await getJson<{ error: string }>(`${base}/clock?advanceMs=${bad}`, { method: 'POST' });
      expect(refused.status, bad).toBe(400);
      expect(refused.body.error).toMatch(/^advanceMs must be/);
    }
    const after = await getJson<{ now: string }>(`${base}/clock`);
    expect(Date.parse(after.body.now) - Date.parse(moved.body.now)).toBeLessThan(60_000);
  });
});

import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { DEFAULT_LOCAL_KEYS } from '@ses-cli/local';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorFixture, SENDER, startFixture } from './fixtures.js';
import { type Envelope, signedCall } from './signed-fetch.js';

let fixture: EmulatorFixture;
let templateId: number;
let url: string;

const b64 = (text: string) => Buffer.from(text).toString('base64');

beforeAll(async () => {
  fixture = await startFixture();
  url = fixture.emulator.url;
  const direct = (action: string, payload: Record<string, unknown>) =>
    fixture.emulator.backend.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 });
  await direct('CreateEmailIdentity', { EmailIdentity: 'mail.example.com' });
  await direct('CreateEmailAddress', { EmailAddress: SENDER, EmailSenderName: 'Example' });
  const created = await direct('CreateEmailTemplate', {
    TemplateName: 'greeting',
    TemplateContent: {
      Html: b64('<p title="{{name}}">Hello {{name}}</p>'),
      Text: b64('Hello {{name}}'),
    },
  });
  templateId = created.payload.TemplateID as number;
});
afterAll(() => fixture.close());

const call = (action: string, payload: unknown) =>
  signedCall(url, action, JSON.stringify(payload), DEFAULT_LOCAL_KEYS);
const sendPayload = (extra: Record<string, unknown>) => ({
  FromEmailAddress: SENDER,
  Destination: ['ana@example.org'],
  Subject: 'Hello',
  Template: { TemplateID: templateId, TemplateData: '{"name":"Ana"}' },
  ...extra,
});
const messageCount = () => fixture.emulator.backend.messages.list().total;
/** The emulator still answers a plain read. */
async function stillServing(): Promise<void> {
  const { envelope } = await call('ListEmailTemplates', { Limit: 1, Offset: 0 });
  expect(envelope.Response.Error).toBeUndefined();
}
/** Refused with an invalid-parameter code (or SES's own code for a bad sender) whose message names `field`. */
function expectRefused(envelope: Envelope, field: RegExp): void {
  const error = envelope.Response.Error;
  expect(error?.Code).toMatch(
    /^(InvalidParameterValue|InvalidParameter)(\.|$)|^FailedOperation\.IncorrectSender$/,
  );
  expect(error?.Message).toMatch(field);
}

/** Text with a CR and/or LF somewhere, possibly followed by what would be an injected header. */
const withLineBreak = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('\r\n', '\n', '\r'),
    fc.constantFrom('Bcc: victim@evil.example', 'X-Injected: 1', '', 'Content-Type: text/html'),
  )
  .map(([head, br, tail]) => `${head}${br}${tail}`);

describe('header injection over the wire is refused, naming the field; nothing is delivered', () => {
  const cases: [string, RegExp, (value: string) => Record<string, unknown>][] = [
    ['Subject', /Subject/, (v) => ({ Subject: `Hi ${v}` })],
    ['the From display name', /from/i, (v) => ({ FromEmailAddress: `"Ex ${v}" <${SENDER}>` })],
    ['ReplyToAddresses', /ReplyToAddresses/, (v) => ({ ReplyToAddresses: `a${v}@example.org` })],
    [
      'an attachment FileName',
      /Attachments.*FileName|FileName/,
      (v) => ({ Attachments: [{ FileName: `r${v}.txt`, Content: b64('x') }] }),
    ],
  ];

  it.each(cases)('in %s', async (_name, field, build) => {
    const before = messageCount();
    await fc.assert(
      fc.asyncProperty(withLineBreak, async (value) => {
        const { envelope } = await call('SendEmail', sendPayload(build(value)));
        expectRefused(envelope, field);
      }),
      { numRuns: 25 },
    );
    expect(messageCount()).toBe(before);
    await stillServing();
  });

  it('the same fields without line breaks are accepted (the refusal is about CR/LF, not the field)', async () => {
    const before = messageCount();
    const { envelope } = await call(
      'SendEmail',
      sendPayload({
        Subject: 'Hi: Bcc victim',
        FromEmailAddress: `"Ex Bcc" <${SENDER}>`,
        ReplyToAddresses: 'reply@example.org',
        Attachments: [{ FileName: 'report.txt', Content: b64('x') }],
      }),
    );
    expect(envelope.Response.Error).toBeUndefined();
    expect(messageCount()).toBe(before + 1);
  });
});

describe('path traversal', () => {
  const filesIn = (dir: string) => readdirSync(dir).sort();

  it.each(['../../evil.sh', '..\\..\\evil.bat', '/etc/passwd', '..', 'a/../../b'])(
    'an attachment named %j is refused and no file appears outside the outbox',
    async (name) => {
      const dataDir = fixture.emulator.backend.dataDir;
      const before = filesIn(dataDir);
      const { envelope } = await call(
        'SendEmail',
        sendPayload({ Attachments: [{ FileName: name, Content: b64('#!/bin/sh') }] }),
      );
      expectRefused(envelope, /filename/i);
      expect(filesIn(dataDir)).toEqual(before);
      expect(filesIn(join(dataDir, '..')).some((f) => f.startsWith('evil'))).toBe(false);
    },
  );

  it('a template named like a path is only a name: no file is created from it', async () => {
    const dataDir = fixture.emulator.backend.dataDir;
    const before = filesIn(dataDir);
    const name = '../../ses.db';
    const { envelope } = await call('CreateEmailTemplate', {
      TemplateName: name,
      TemplateContent: { Text: b64('hi') },
    });
    if (envelope.Response.Error) expectRefused(envelope, /TemplateName/i);
    else {
      const id = envelope.Response.TemplateID as number;
      const got = await call('GetEmailTemplate', { TemplateID: id });
      expect(got.envelope.Response.Error).toBeUndefined();
      const listed = await call('ListEmailTemplates', { Limit: 100, Offset: 0 });
      const names = (listed.envelope.Response.TemplatesMetadata as { TemplateName: string }[]).map(
        (t) => t.TemplateName,
      );
      expect(names).toContain(name);
    }
    expect(filesIn(dataDir)).toEqual(before);
    await stillServing();
  });

  /** A GET with the path exactly as written (fetch would normalise `..`). */
  function rawGet(path: string, method = 'GET'): Promise<{ status: number; body: Buffer }> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: hostname, port, path, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it.each([
    '/_emulator/messages/..%2F..%2Fses.db/raw',
    '/_emulator/messages/..%2Fses.db/raw',
    '/_emulator/messages/%2e%2e%2f%2e%2e%2fses.db',
    '/_emulator/messages/..%5C..%5Cses.db/raw',
    '/_emulator/messages/../../ses.db/raw',
    '/_emulator/messages/..%2Fses.db/attachments/0',
    "/_emulator/messages/'%20OR%201%3D1%20--/raw",
    '/_emulator/messages/%2Fetc%2Fpasswd/raw',
  ])('the inspection API never serves a path outside the outbox: GET %s', async (path) => {
    const { status, body } = await rawGet(path);
    expect(status).toBe(404);
    expect(body.toString('latin1')).not.toContain('SQLite format');
    expect(body.toString('latin1')).not.toContain('root:');
  });

  it('DELETE with a traversing id deletes nothing', async () => {
    const dataDir = fixture.emulator.backend.dataDir;
    const before = filesIn(dataDir);
    const count = messageCount();
    expect((await rawGet('/_emulator/messages/..%2F..%2Fses.db', 'DELETE')).status).toBe(404);
    expect((await rawGet('/_emulator/messages/..%2Fses.db', 'DELETE')).status).toBe(404);
    expect(filesIn(dataDir)).toEqual(before);
    expect(messageCount()).toBe(count);
    await stillServing();
  });
});

describe('oversized, deep, huge and broken bodies', () => {
  it('a body over 8 MB streamed without Content-Length is refused with RequestSizeLimitExceeded', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 9) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tc-action': 'ListEmailTemplates' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const envelope = (await response.json()) as Envelope;
    expect(envelope.Response.Error?.Code).toBe('RequestSizeLimitExceeded');
    await stillServing();
  });

  it('JSON nested 100 000 levels deep is refused cleanly', async () => {
    const deep = `{"Limit":10,"Offset":0,"X":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    const { envelope } = await signedCall(url, 'ListEmailTemplates', deep, DEFAULT_LOCAL_KEYS);
    expect(envelope.Response.Error?.Code).toMatch(/^(InvalidParameter|UnknownParameter)/);
    await stillServing();
  });

  it('huge JSON just under 8 MB: a 400 000-recipient Destination is refused with TooManyRecipients', async () => {
    const destination = Array.from({ length: 400_000 }, (_, i) => `u${i}@x.io`);
    const body = JSON.stringify(sendPayload({ Destination: destination }));
    expect(body.length).toBeLessThan(8 * 1024 * 1024);
    const before = messageCount();
    const { envelope } = await signedCall(url, 'SendEmail', body, DEFAULT_LOCAL_KEYS);
    expect(envelope.Response.Error?.Code).toBe('FailedOperation.TooManyRecipients');
    expect(messageCount()).toBe(before);
    await stillServing();
  });

  it('invalid UTF-8 in the body is refused with InvalidParameter, nothing delivered', async () => {
    const before = messageCount();
    const json = JSON.stringify(sendPayload({ Subject: 'SUBJ' }));
    const bytes = Buffer.from(json.replace('SUBJ', 'Hi \u0000'), 'utf8');
    // Replace the NUL placeholder with a lone continuation byte and an overlong encoding.
    const index = bytes.indexOf(0);
    const broken = Buffer.concat([
      bytes.subarray(0, index),
      Buffer.from([0x80, 0xc0, 0xaf]),
      bytes.subarray(index + 1),
    ]);
    const { envelope } = await signedCallBytes(broken);
    expect(envelope.Response.Error?.Code).toBe('InvalidParameter');
    expect(envelope.Response.Error?.Message).toMatch(/UTF-8/);
    expect(messageCount()).toBe(before);
    await stillServing();
  });
});

/** A SendEmail signed over exactly these bytes. */
async function signedCallBytes(body: Buffer): Promise<{ envelope: Envelope }> {
  const { signTc3 } = await import('@ses-cli/sdk');
  const host = new URL(url).host;
  const timestamp = Math.floor(Date.now() / 1000);
  const { authorization } = signTc3({
    ...DEFAULT_LOCAL_KEYS,
    service: 'ses',
    timestamp,
    headers: { 'content-type': 'application/json', host },
    payload: body,
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization,
      'x-tc-action': 'SendEmail',
      'x-tc-version': '2020-10-02',
      'x-tc-region': 'ap-guangzhou',
      'x-tc-timestamp': String(timestamp),
    },
    body,
  });
  return { envelope: (await response.json()) as Envelope };
}

describe('template data is data, not markup or template', () => {
  it('escapes HTML and <script> in the HTML part, keeps {{ literal, and leaves the text part plain', async () => {
    const value = '<script>alert("x")</script> & {{secret}} \'q\'';
    const { envelope } = await call(
      'SendEmail',
      sendPayload({
        Destination: ['script@example.org'],
        Template: { TemplateID: templateId, TemplateData: JSON.stringify({ name: value, secret: 'LEAK' }) },
      }),
    );
    expect(envelope.Response.Error).toBeUndefined();
    const id = envelope.Response.MessageId as string;
    const detail = (await (await fetch(`${url}/_emulator/messages/${encodeURIComponent(id)}`)).json()) as {
      parsed: { html: string; text: string };
    };
    const { html, text } = detail.parsed;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {{secret}} &#39;q&#39;');
    // Inside the attribute too: the quote cannot close title="…".
    expect(html).toMatch(/title="&lt;script&gt;alert\(&quot;x&quot;\)/);
    expect(html).not.toContain('LEAK');
    expect(text).toContain(`Hello ${value}`);
    expect(text).not.toContain('LEAK');
  });
});

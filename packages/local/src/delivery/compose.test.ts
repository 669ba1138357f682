import { type ParsedMail, simpleParser } from 'mailparser';
import { beforeAll, describe, expect, test } from 'vitest';
import { verifyDkim } from '../../test/delivery/dkim-verifier.js';
import { type ComposeInput, composeMessage } from './compose.js';
import { type DkimKeyPair, generateDkimKeyPair } from './dkim-keys.js';
import { unsubscribeText } from './unsubscribe.js';

const base: ComposeInput = {
  from: 'Shop <news@mail.example.com>',
  to: ['alice@example.org'],
  subject: 'Hello',
  text: 'plain body',
  messageId: '3c1f6b9e-1d2a-4c1b-9f00-123456789abc@mail.example.com',
  date: new Date('2026-03-04T05:06:07Z'),
};

function headerBlock(raw: Buffer): string {
  const text = raw.toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

async function compose(
  overrides: {
    [K in keyof ComposeInput]?: ComposeInput[K] | undefined;
  },
): Promise<{ raw: Buffer; links: string[]; mail: ParsedMail }> {
  const { raw, links } = await composeMessage({ ...base, ...overrides } as ComposeInput);
  return { raw, links, mail: await simpleParser(raw) };
}

describe('composeMessage headers', () => {
  test('writes From with alias, To, Cc, Reply-To, Message-Id and Date; Bcc only in the envelope', async () => {
    const message = await composeMessage({
      ...base,
      from: 'Ünïcode Shop <news@mail.example.com>',
      to: ['alice@example.org', 'Bob <bob@example.org>'],
      cc: ['carol@example.org'],
      bcc: ['secret@example.net'],
      replyTo: 'support@mail.example.com',
    });
    const mail = await simpleParser(message.raw);
    expect(mail.from?.value).toEqual([{ name: 'Ünïcode Shop', address: 'news@mail.example.com' }]);
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    expect(to.flatMap((group) => group?.value.map((v) => v.address))).toEqual([
      'alice@example.org',
      'bob@example.org',
    ]);
    expect(Array.isArray(mail.cc) ? undefined : mail.cc?.value[0]?.address).toBe('carol@example.org');
    expect(Array.isArray(mail.replyTo) ? undefined : mail.replyTo?.value[0]?.address).toBe(
      'support@mail.example.com',
    );
    expect(mail.messageId).toBe(`<${base.messageId}>`);
    expect(mail.date?.toISOString()).toBe('2026-03-04T05:06:07.000Z');
    expect(mail.bcc).toBeUndefined();
    expect(message.raw.toString('latin1')).not.toContain('secret@example.net');
    expect(message.envelope).toEqual({
      from: 'news@mail.example.com',
      to: ['alice@example.org', 'bob@example.org', 'carol@example.org', 'secret@example.net'],
    });
  });

  test('the envelope lists a recipient in both To and Bcc once', async () => {
    const message = await composeMessage({
      ...base,
      to: ['alice@example.org'],
      cc: ['Alice@Example.org'],
      bcc: ['bob@example.org'],
    });
    expect(message.envelope.to).toEqual(['alice@example.org', 'bob@example.org']);
  });

  test('encodes a UTF-8 subject as encoded words and decodes back to the same text', async () => {
    const subject = 'Grüße 你好 — مرحبا 🎉';
    const { raw, mail } = await compose({ subject });
    expect(mail.subject).toBe(subject);
    expect(headerBlock(raw)).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(/[^\x00-\x7f]/.test(headerBlock(raw))).toBe(false);
  });

  test('a header named __proto__ (e.g. from parsed JSON) stays an ordinary header', async () => {
    const headers = JSON.parse('{"__proto__": "odd", "X-After": "1"}') as Record<string, string>;
    const { raw } = await compose({ headers });
    expect(headerBlock(raw)).toMatch(/^__proto__: odd$/m);
    expect(headerBlock(raw)).toMatch(/^X-After: 1$/m);
  });

  test('accepts a Message-Id already in angle brackets without doubling them', async () => {
    const { mail } = await compose({ messageId: '<abc@mail.example.com>' });
    expect(mail.messageId).toBe('<abc@mail.example.com>');
  });

  test.each(['no-at-sign', 'a@b@c', 'ü@mail.example.com', 'a b@c', '<a@b> <c@d>', 'a"x@b'])(
    'rejects %j as a Message-Id',
    async (messageId) => {
      await expect(compose({ messageId })).rejects.toMatchObject({
        name: 'MessageCompositionError',
        field: 'messageId',
      });
    },
  );

  test('adds extra headers', async () => {
    const { mail } = await compose({ headers: { 'X-Campaign': 'spring-2026', 'X-Note': 'Grüße' } });
    expect(mail.headers.get('x-campaign')).toBe('spring-2026');
    // mailparser leaves unknown headers encoded: the non-ASCII value went out as an RFC 2047 word.
    expect(mail.headers.get('x-note')).toBe('=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=');
  });
});

describe('composeMessage body', () => {
  test('text only is a single text/plain part', async () => {
    const { mail, raw } = await compose({ text: 'just text' });
    expect(mail.text?.trim()).toBe('just text');
    expect(mail.html).toBe(false);
    expect(headerBlock(raw)).toMatch(/^Content-Type: text\/plain/m);
  });

  test('text and html become multipart/alternative', async () => {
    const { mail, raw } = await compose({ text: 'the text', html: '<p>the <b>html</b></p>' });
    expect(headerBlock(raw)).toMatch(/^Content-Type: multipart\/alternative/m);
    expect(mail.text?.trim()).toBe('the text');
    expect(mail.html).toBe('<p>the <b>html</b></p>');
  });

  test('attachments make multipart/mixed and keep their bytes and names', async () => {
    const binary = Buffer.from(Array.from({ length: 600 }, (_, i) => i % 256));
    const { mail, raw } = await compose({
      html: '<p>see attached</p>',
      attachments: [
        { filename: 'report 2026.pdf', content: Buffer.from('%PDF-1.7 fake') },
        { filename: '数据.bin', content: binary },
      ],
    });
    expect(headerBlock(raw)).toMatch(/^Content-Type: multipart\/mixed/m);
    expect(mail.attachments.map((a) => a.filename)).toEqual(['report 2026.pdf', '数据.bin']);
    expect(mail.attachments[0]?.contentType).toBe('application/pdf');
    expect(mail.attachments[0]?.content.toString()).toBe('%PDF-1.7 fake');
    expect(mail.attachments[1]?.content.equals(binary)).toBe(true);
    expect(mail.html).toBe('<p>see attached</p>');
  });

  test('uses CRLF line ends only', async () => {
    const { raw } = await compose({ text: 'a\nb\r\nc', html: '<p>x</p>' });
    expect(raw.toString('latin1')).not.toMatch(/[^\r]\n/);
  });
});

describe('composeMessage unsubscribe', () => {
  const url = 'https://track.example.com/t/unsubscribe/tok123';

  test.each(Array.from({ length: 12 }, (_, i) => String(i + 1)))(
    'language %s adds a localised link to html and text',
    async (language) => {
      const { mail } = await compose({
        html: '<html><body><p>hi</p></body></html>',
        text: 'hi',
        unsubscribe: { url, language },
      });
      const label = unsubscribeText(language);
      expect(label).toBeTruthy();
      expect(mail.html).toContain(`<a href="${url}">${label}</a>`);
      expect(mail.html).toMatch(/<\/p><\/body><\/html>$/);
      expect(mail.text).toContain(`${label}: ${url}`);
      expect(mail.headers.get('list')).toMatchObject({ unsubscribe: { url } });
      expect(mail.headerLines.map((line) => line.line)).toEqual(
        expect.arrayContaining([
          `List-Unsubscribe: <${url}>`,
          'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
        ]),
      );
    },
  );

  test('languages differ: English, Simplified Chinese and Japanese', () => {
    expect(unsubscribeText('2')).toBe('Unsubscribe');
    expect(unsubscribeText('1')).toBe('退订');
    expect(unsubscribeText('7')).toBe('配信停止');
    expect(new Set(Array.from({ length: 12 }, (_, i) => unsubscribeText(String(i + 1)))).size).toBe(12);
  });

  test('the footer goes into whichever parts exist', async () => {
    const htmlOnly = await compose({
      text: undefined,
      html: '<p>x</p>',
      unsubscribe: { url, language: '2' },
    });
    const parsed = await simpleParser(htmlOnly.raw);
    expect(parsed.html).toContain('Unsubscribe</a>');
    expect(parsed.text).not.toContain('Unsubscribe:');
    const textOnly = await compose({ text: '', unsubscribe: { url, language: '2' } });
    expect(textOnly.mail.text).toBe(`Unsubscribe: ${url}\n`);
  });

  test('rejects an unknown language code and a non-http URL', async () => {
    await expect(compose({ unsubscribe: { url, language: '0' } })).rejects.toMatchObject({
      name: 'MessageCompositionError',
      field: 'unsubscribe.language',
    });
    await expect(
      compose({ unsubscribe: { url: 'javascript:alert(1)', language: '2' } }),
    ).rejects.toMatchObject({
      field: 'unsubscribe.url',
    });
  });
});

describe('composeMessage tracking', () => {
  test('tracks a link whose earlier attribute holds ">", and skips a </body> inside a comment', async () => {
    const tracking = { baseUrl: 'http://127.0.0.1:4599', token: 'tok' };
    const { links, mail } = await compose({
      html: '<html><body><a title="1 > 0" href="https://example.org/x">x</a></body></html><!-- </body> -->',
      tracking,
    });
    expect(links).toEqual(['https://example.org/x']);
    const html = String(mail.html);
    expect(html).toContain('href="http://127.0.0.1:4599/t/click/tok/0"');
    expect(html.indexOf('/t/open/tok.gif')).toBeLessThan(html.indexOf('</body></html>'));
  });

  const tracking = { baseUrl: 'http://127.0.0.1:4599/', token: 'tok_ABC-123' };

  test('rewrites every http(s) link, keeps others, and appends the open pixel', async () => {
    const html =
      '<html><body>' +
      '<a href="https://example.com/a?x=1&amp;y=2">A</a>' +
      "<a class='c' href='http://example.com/b'>B</a>" +
      '<a href=https://example.com/a?x=1&amp;y=2>A again</a>' +
      '<a href="mailto:help@example.com">mail</a>' +
      '<a href="#top">top</a>' +
      '</body></html>';
    const { mail, links } = await compose({ html, tracking });
    expect(links).toEqual([
      'https://example.com/a?x=1&y=2',
      'http://example.com/b',
      'https://example.com/a?x=1&y=2',
    ]);
    const out = String(mail.html);
    expect(out).toContain('<a href="http://127.0.0.1:4599/t/click/tok_ABC-123/0">A</a>');
    expect(out).toContain(`<a class='c' href="http://127.0.0.1:4599/t/click/tok_ABC-123/1">B</a>`);
    expect(out).toContain('<a href="http://127.0.0.1:4599/t/click/tok_ABC-123/2">A again</a>');
    expect(out).toContain('href="mailto:help@example.com"');
    expect(out).toContain('href="#top"');
    expect(out).not.toContain('https://example.com');
    expect(out).toMatch(
      /<img src="http:\/\/127\.0\.0\.1:4599\/t\/open\/tok_ABC-123\.gif" width="1" height="1"[^>]*\/><\/body><\/html>$/,
    );
  });

  test('never tracks the unsubscribe link', async () => {
    const { mail, links } = await compose({
      html: '<a href="https://example.com/x">x</a>',
      tracking,
      unsubscribe: { url: 'https://example.com/unsub', language: '2' },
    });
    expect(links).toEqual(['https://example.com/x']);
    expect(mail.html).toContain('<a href="https://example.com/unsub">Unsubscribe</a>');
  });

  test('text-only messages have no links to track', async () => {
    const { links, mail } = await compose({ text: 'visit https://example.com', tracking });
    expect(links).toEqual([]);
    expect(mail.text).toContain('https://example.com');
  });

  test('rejects a token that is not URL-safe', async () => {
    await expect(compose({ html: '<p/>', tracking: { ...tracking, token: '../x' } })).rejects.toMatchObject({
      field: 'tracking.token',
    });
  });
});

describe('composeMessage DKIM', () => {
  let keys: DkimKeyPair;
  beforeAll(() => {
    keys = generateDkimKeyPair(1024);
  });
  const dkim = () => ({ domainName: 'mail.example.com', keySelector: 'qcloud', privateKey: keys.privateKey });

  test('signs with rsa-sha256 relaxed/relaxed over the main headers; verifies independently', async () => {
    const { raw } = await composeMessage({
      ...base,
      cc: ['carol@example.org'],
      subject: 'Signed 签名',
      html: '<p>body   with  spaces   </p>\n\n\n',
      attachments: [{ filename: 'a.txt', content: Buffer.from('attached') }],
      unsubscribe: { url: 'https://example.com/u', language: '2' },
      dkim: dkim(),
    });
    expect(raw.toString('latin1').startsWith('DKIM-Signature: ')).toBe(true);
    const result = verifyDkim(raw, keys.publicKey);
    expect(result.tags.get('d')).toBe('mail.example.com');
    expect(result.tags.get('s')).toBe('qcloud');
    expect(result.signedHeaders).toEqual(
      expect.arrayContaining([
        'from',
        'to',
        'subject',
        'date',
        'message-id',
        'list-unsubscribe',
        'list-unsubscribe-post',
      ]),
    );
    expect(result.bodyHashMatches).toBe(true);
    expect(result.signatureValid).toBe(true);
  });

  test('a changed header or body breaks the signature', async () => {
    const { raw } = await composeMessage({ ...base, dkim: dkim() });
    const tamperedHeader = Buffer.from(
      raw.toString('latin1').replace('Subject: Hello', 'Subject: Hellp'),
      'latin1',
    );
    expect(verifyDkim(tamperedHeader, keys.publicKey).signatureValid).toBe(false);
    const tamperedBody = Buffer.from(raw.toString('latin1').replace('plain body', 'plain bodY'), 'latin1');
    expect(verifyDkim(tamperedBody, keys.publicKey).bodyHashMatches).toBe(false);
    const other = generateDkimKeyPair(1024);
    expect(verifyDkim(raw, other.publicKey).signatureValid).toBe(false);
  });

  test('a 2048-bit key signs too', async () => {
    const big = generateDkimKeyPair(2048);
    const { raw } = await composeMessage({ ...base, dkim: { ...dkim(), privateKey: big.privateKey } });
    expect(verifyDkim(raw, big.publicKey)).toMatchObject({ bodyHashMatches: true, signatureValid: true });
  });

  test('two keys give two independent signatures (DKIMOption 2)', async () => {
    const big = generateDkimKeyPair(2048);
    const { raw } = await composeMessage({
      ...base,
      dkim: [
        dkim(),
        { domainName: 'mail.example.com', keySelector: 'qcloud2048', privateKey: big.privateKey },
      ],
    });
    expect(verifyDkim(raw, keys.publicKey, 0)).toMatchObject({ signatureValid: true, bodyHashMatches: true });
    expect(verifyDkim(raw, big.publicKey, 1)).toMatchObject({ signatureValid: true, bodyHashMatches: true });
    expect(verifyDkim(raw, big.publicKey, 1).tags.get('s')).toBe('qcloud2048');
    expect(() => verifyDkim(raw, keys.publicKey, 2)).toThrow(/no DKIM-Signature/);
  });

  test('names the bad key of several', async () => {
    await expect(
      composeMessage({ ...base, dkim: [dkim(), { ...dkim(), keySelector: 'bad selector' }] }),
    ).rejects.toMatchObject({ field: 'dkim[1].keySelector' });
  });

  test('rejects a key that is not a PEM RSA private key, without echoing it', async () => {
    const error = await composeMessage({
      ...base,
      dkim: { ...dkim(), privateKey: 'not-a-key-SECRET' },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MessageCompositionError', field: 'dkim.privateKey' });
    expect(String((error as Error).message)).not.toContain('SECRET');
  });
});

describe('composeMessage keeps the wire valid', () => {
  const bareBreak = /\r(?!\n)|(?<!\r)\n/;

  test('turns every bare CR and LF of text and HTML into CRLF', async () => {
    const { raw } = await compose({ text: 'a\rb\r\nc\nd', html: '<p>x</p>\r<p>y</p>\n' });
    expect(bareBreak.test(raw.toString('latin1'))).toBe(false);
  });

  test('rejects a header word too long to fold under 998 characters', async () => {
    await expect(compose({ subject: `S ${'x'.repeat(1200)}` })).rejects.toMatchObject({
      name: 'MessageCompositionError',
      field: 'subject',
    });
    await expect(compose({ headers: { 'X-Token': 'A'.repeat(1200) } })).rejects.toMatchObject({
      field: 'x-token',
    });
  });

  test('sends every attachment as a base64 attachment, an .eml file too', async () => {
    const eml = Buffer.from(`Subject: inner\r\n\r\n${'long line '.repeat(200)}\u0000\r`, 'latin1');
    const { raw, mail } = await compose({ attachments: [{ filename: 'forward.eml', content: eml }] });
    const part = raw
      .toString('latin1')
      .split(/\r\n--/)
      .find((p) => p.includes('forward.eml'));
    expect(part).toMatch(/^Content-Transfer-Encoding: base64$/m);
    expect(part).toMatch(/^Content-Disposition: attachment/m);
    expect(mail.attachments[0]).toMatchObject({ contentDisposition: 'attachment', filename: 'forward.eml' });
    expect(mail.attachments[0]?.content.equals(eml)).toBe(true);
  });

  test('uses envelopeFrom as MAIL FROM while the From header shows another address', async () => {
    const message = await composeMessage({
      ...base,
      from: 'Brand <brand@brand.example>',
      envelopeFrom: 'news@mail.example.com',
    });
    expect(message.envelope.from).toBe('news@mail.example.com');
    expect(headerBlock(message.raw)).toMatch(/^From: Brand <brand@brand\.example>$/m);
  });

  test.each(['Content-Disposition', 'Content-ID', 'Return-Path'])(
    'rejects a %s header of the caller',
    async (name) => {
      await expect(compose({ headers: { [name]: 'x' } })).rejects.toMatchObject({
        name: 'MessageCompositionError',
        field: `headers.${name}`,
      });
    },
  );
});

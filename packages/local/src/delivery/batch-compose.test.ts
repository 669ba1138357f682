import fc from 'fast-check';
import { type ParsedMail, simpleParser } from 'mailparser';
import { beforeAll, describe, expect, test } from 'vitest';
import { verifyDkim } from '../../test/delivery/dkim-verifier.js';
import { type BatchRecipient, type BatchShared, createBatchComposer } from './batch-compose.js';
import { type ComposeInput, composeMessage } from './compose.js';
import { MessageCompositionError } from './composition-error.js';
import { type DkimKeyPair, generateDkimKeyPair } from './dkim-keys.js';

const BASE_URL = 'http://127.0.0.1:4599';
const date = new Date('2026-03-04T05:06:07Z');

/** The composer input that means the same message as a batch recipient. */
function composerInput(shared: BatchShared, recipient: BatchRecipient): ComposeInput {
  const input: ComposeInput = {
    from: shared.from,
    to: [recipient.to],
    subject: recipient.subject,
    messageId: recipient.messageId,
    date: recipient.date,
  };
  if (shared.replyTo !== undefined) input.replyTo = shared.replyTo;
  if (recipient.html !== undefined) input.html = recipient.html;
  if (recipient.text !== undefined) input.text = recipient.text;
  if (shared.trackingBaseUrl !== undefined && recipient.trackingToken !== undefined) {
    input.tracking = { baseUrl: shared.trackingBaseUrl, token: recipient.trackingToken };
  }
  if (shared.unsubscribeLanguage !== undefined && recipient.unsubscribeUrl !== undefined) {
    input.unsubscribe = { url: recipient.unsubscribeUrl, language: shared.unsubscribeLanguage };
  }
  if (shared.dkim !== undefined) input.dkim = shared.dkim;
  return input;
}

/** Multipart boundaries are random per message; everything else must match byte for byte. */
function withoutBoundaries(raw: Buffer): string {
  return raw.toString('latin1').replace(/--_NmP-[0-9a-f]{16}-Part_1/g, '<boundary>');
}

/** What a mail client sees: every header, both bodies, attachments. */
function visible(mail: ParsedMail) {
  const headers = [...mail.headers.entries()]
    .filter(([name]) => name !== 'content-type')
    .map(([name, value]) => [name, JSON.stringify(value)]);
  return {
    headers,
    contentType: (mail.headers.get('content-type') as { value: string }).value,
    subject: mail.subject,
    from: mail.from?.value,
    to: Array.isArray(mail.to) ? undefined : mail.to?.value,
    replyTo: mail.replyTo?.value,
    messageId: mail.messageId,
    date: mail.date?.toISOString(),
    html: mail.html,
    text: mail.text,
    attachments: mail.attachments.length,
  };
}

const lorem = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
const anchors =
  '<a href="https://example.org/offer?c=123&amp;x=1">offer</a> <a href=\'http://example.org/b\'>b</a> ' +
  '<a href="mailto:help@example.org">mail</a>';

const cases: {
  name: string;
  shared: Partial<BatchShared>;
  recipient: Partial<BatchRecipient>;
  noToken?: true;
}[] = [
  {
    name: 'both parts, tracking and unsubscribe (English)',
    shared: { unsubscribeLanguage: '2', replyTo: 'support@mail.example.com' },
    recipient: {
      subject: 'Hello User 1',
      html: `<html><body><h1>Hello User 1</h1><p>${lorem.repeat(6)}</p>${anchors}</body></html>`,
      text: `Hello User 1,\n${lorem.repeat(3)}\nRegards`,
    },
  },
  {
    name: 'non-ASCII subject and bodies, Simplified Chinese unsubscribe',
    shared: { from: 'Ünïcode Shöp <news@mail.example.com>', unsubscribeLanguage: '1' },
    recipient: {
      subject: 'Grüße 你好 — مرحبا 🎉 and a long tail that has to be split into several encoded words',
      html: '<p>你好，世界！这是一封测试邮件。</p><a href="https://example.org/中文">链接</a>',
      text: '你好，世界！这是一封测试邮件。',
    },
  },
  {
    name: 'mostly Latin with accents (quoted-printable), Arabic unsubscribe',
    shared: { unsubscribeLanguage: '9' },
    recipient: { subject: 'Café', html: `<p>Crème brûlée à la carte. ${lorem}</p>`, text: 'Crème brûlée' },
  },
  {
    name: 'HTML only',
    shared: {},
    recipient: { subject: 'Only HTML', html: `<p>${lorem}</p>${anchors}` },
  },
  {
    name: 'text only, long lines',
    shared: { unsubscribeLanguage: '6' },
    recipient: { subject: 'Only text', text: `${lorem.repeat(5)}\n${'x'.repeat(300)}\nend` },
  },
  {
    name: 'text only, short ASCII lines with trailing spaces and tabs (7bit)',
    shared: {},
    recipient: { subject: 'Plain', text: 'line one   \n\tline two\r\nline three  ' },
  },
  {
    name: 'empty text, no tracking token, HTML without body tag',
    shared: { unsubscribeLanguage: '12' },
    recipient: { subject: '', text: '', html: '<b>x</b>' },
    noToken: true,
  },
  {
    name: 'address with a display-name-free uncommon form and a Message-Id in brackets',
    shared: {},
    recipient: { to: "o'brien+tag@sub.example.org", messageId: '<m-1@mail.example.com>', text: 'hi' },
  },
];

function build(c: (typeof cases)[number]): { shared: BatchShared; recipient: BatchRecipient } {
  const token = 'tok_ABC-123';
  const shared: BatchShared = {
    from: 'Shop <news@mail.example.com>',
    trackingBaseUrl: BASE_URL,
    ...c.shared,
  };
  const recipient: BatchRecipient = {
    to: 'alice@example.org',
    subject: 'Hi',
    messageId: '3c1f6b9e-1d2a-4c1b-9f00-123456789abc@mail.example.com',
    date,
    trackingToken: token,
    unsubscribeUrl: `${BASE_URL}/t/unsubscribe/${token}`,
    ...c.recipient,
  };
  if ('trackingToken' in c.recipient && c.recipient.trackingToken === undefined)
    delete recipient.trackingToken;
  return { shared, recipient };
}

describe('createBatchComposer equals composeMessage', () => {
  test.each(cases)('$name', async (c) => {
    const { shared, recipient } = build(c);
    const batch = createBatchComposer(shared).compose(recipient);
    const reference = await composeMessage(composerInput(shared, recipient));

    expect(batch.links).toEqual(reference.links);
    expect(batch.envelope).toEqual(reference.envelope);
    expect(visible(await simpleParser(batch.raw))).toEqual(visible(await simpleParser(reference.raw)));
    // Stronger than what a client sees: the same bytes, apart from the random boundary.
    expect(withoutBoundaries(batch.raw)).toBe(withoutBoundaries(reference.raw));
    expect(batch.raw.toString('latin1')).not.toMatch(/[^\r]\n/);
  });

  test('one composer keeps recipients apart (to, tokens, links, subject)', async () => {
    const composer = createBatchComposer({ from: 'news@mail.example.com', trackingBaseUrl: BASE_URL });
    const html = (n: number) => `<p>Hi ${n}</p><a href="https://example.org/u/${n}">me</a>`;
    const messages = [1, 2].map((n) =>
      composer.compose({
        to: `user${n}@example.net`,
        subject: `S${n}`,
        html: html(n),
        messageId: `m${n}@mail.example.com`,
        date,
        trackingToken: `t${n}`,
      }),
    );
    expect(messages.map((m) => m.links)).toEqual([['https://example.org/u/1'], ['https://example.org/u/2']]);
    const parsed = await Promise.all(messages.map((m) => simpleParser(m.raw)));
    expect(parsed.map((p) => p.subject)).toEqual(['S1', 'S2']);
    expect(String(parsed[1]?.html)).toContain(`${BASE_URL}/t/click/t2/0`);
    expect(String(parsed[1]?.html)).not.toContain('/t1/');
  });
});

describe('createBatchComposer equals composeMessage for generated content', () => {
  // Bodies of any text (controls, CR/LF mixes, astral characters, long lines); subjects without
  // the controls both reject.
  const body = fc.option(fc.string({ unit: 'binary', maxLength: 300 }), { nil: undefined });
  const subject = fc
    .oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ maxLength: 120 }))
    .filter((s) => !/[\x00-\x08\x0a-\x1f\x7f]/.test(s));
  // Plain addresses, dots anywhere included: the batch composer writes those without the encoder.
  // Numeric last labels (read as IPv4 by the encoder) and punycode labels included.
  const to = fc.oneof(
    fc.constant('alice@example.org'),
    fc.stringMatching(/^[A-Za-z0-9._%+-]{1,70}@[A-Za-z0-9-]{1,10}(\.[A-Za-z0-9-]{1,8}){1,3}$/),
    fc.stringMatching(
      /^[a-z0-9]{1,10}@([a-z0-9]{1,3}\.){1,3}(0x[0-9a-f]{1,3}|[0-9]{1,3}|xn--[a-z0-9]{1,6})$/,
    ),
    fc.stringMatching(/^[a-z0-9]{1,10}@xn--[a-z0-9-]{1,8}\.[a-z]{2,4}$/),
  );
  test('the same bytes apart from the boundary', async () => {
    await fc.assert(
      fc.asyncProperty(
        subject,
        body,
        body,
        fc.constantFrom(undefined, '2', '7'),
        to,
        async (subj, html, text, lang, address) => {
          const shared: BatchShared = { from: 'Shop <news@mail.example.com>', trackingBaseUrl: BASE_URL };
          if (lang !== undefined) shared.unsubscribeLanguage = lang;
          const recipient: BatchRecipient = {
            to: address,
            subject: subj,
            messageId: 'm@mail.example.com',
            date,
            trackingToken: 'tok',
            unsubscribeUrl: `${BASE_URL}/t/unsubscribe/tok`,
          };
          if (html !== undefined) recipient.html = html;
          if (text !== undefined) recipient.text = text;
          const batch = createBatchComposer(shared).compose(recipient);
          const reference = await composeMessage(composerInput(shared, recipient));
          expect(withoutBoundaries(batch.raw)).toBe(withoutBoundaries(reference.raw));
          expect(batch.links).toEqual(reference.links);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('createBatchComposer rejects what the composer rejects', () => {
  const shared: BatchShared = { from: 'news@mail.example.com', trackingBaseUrl: BASE_URL };
  const ok: BatchRecipient = {
    to: 'a@example.org',
    subject: 'Hi',
    text: 'x',
    messageId: 'm@x.example',
    date,
  };

  test.each([
    ['subject', { subject: 'Hi\r\nBcc: victim@example.org' }],
    ['subject', { subject: 'Hi\nX-Evil: 1' }],
    ['subject', { subject: 'bell\x07' }],
    ['subject', { subject: `S ${'x'.repeat(1200)}` }],
    ['to[0]', { to: 'a@example.org\r\nBcc: victim@example.org' }],
    ['to[0]', { to: 'not an address' }],
    ['messageId', { messageId: 'two ids@x' }],
    ['messageId', { messageId: 'no-at-sign' }],
    ['tracking.token', { html: '<p/>', trackingToken: '../x' }],
    ['unsubscribe.url', { unsubscribeUrl: 'javascript:alert(1)' }],
  ] as const)('%s: %j', (fieldName, override) => {
    const composer = createBatchComposer({ ...shared, unsubscribeLanguage: '2' });
    expect(() => composer.compose({ ...ok, ...override })).toThrow(
      expect.objectContaining({ name: 'MessageCompositionError', field: fieldName }),
    );
  });

  test.each([
    ['from', { from: 'news@mail.example.com\r\nBcc: x@example.org' }],
    ['replyTo', { replyTo: 'a@example.org\nX: y' }],
    ['tracking.baseUrl', { trackingBaseUrl: 'ftp://example.org' }],
    ['unsubscribe.language', { unsubscribeLanguage: '0' }],
    ['dkim.privateKey', { dkim: { domainName: 'mail.example.com', keySelector: 's', privateKey: 'nope' } }],
  ] as const)('shared %s is checked once, up front', (fieldName, override) => {
    expect(() => createBatchComposer({ ...shared, ...override })).toThrow(
      expect.objectContaining({ name: 'MessageCompositionError', field: fieldName }),
    );
  });
});

describe('createBatchComposer DKIM', () => {
  let small: DkimKeyPair;
  let big: DkimKeyPair;
  beforeAll(() => {
    small = generateDkimKeyPair(1024);
    big = generateDkimKeyPair(2048);
  });
  const key = (pair: DkimKeyPair, keySelector = 'qcloud') => ({
    domainName: 'mail.example.com',
    keySelector,
    privateKey: pair.privateKey,
  });
  const recipient: BatchRecipient = {
    to: 'alice@example.org',
    subject: 'Signed 签名',
    html: '<p>body   with  spaces   </p>\n\n\n<a href="https://example.org/x">x</a>',
    text: 'text  with\ttabs  \n\n',
    messageId: 'm1@mail.example.com',
    date,
    trackingToken: 'tok',
    unsubscribeUrl: `${BASE_URL}/t/unsubscribe/tok`,
  };
  const shared = {
    from: 'Shop <news@mail.example.com>',
    trackingBaseUrl: BASE_URL,
    unsubscribeLanguage: '2',
  };

  test('a batch message verifies independently and signs the main headers', () => {
    const { raw } = createBatchComposer({ ...shared, dkim: key(small) }).compose(recipient);
    const result = verifyDkim(raw, small.publicKey);
    expect(result).toMatchObject({ bodyHashMatches: true, signatureValid: true });
    expect(result.signedHeaders).toEqual(
      expect.arrayContaining(['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe']),
    );
  });

  test('every message of one composer is signed over its own headers and body', () => {
    const composer = createBatchComposer({ ...shared, dkim: key(big) });
    for (const n of [1, 2, 3]) {
      const { raw } = composer.compose({ ...recipient, to: `u${n}@example.org`, trackingToken: `t${n}` });
      expect(verifyDkim(raw, big.publicKey)).toMatchObject({ bodyHashMatches: true, signatureValid: true });
    }
  });

  test('two keys give two signatures (DKIMOption 2)', () => {
    const { raw } = createBatchComposer({ ...shared, dkim: [key(small), key(big, 'qcloud2048')] }).compose(
      recipient,
    );
    expect(verifyDkim(raw, small.publicKey, 0)).toMatchObject({
      signatureValid: true,
      bodyHashMatches: true,
    });
    expect(verifyDkim(raw, big.publicKey, 1)).toMatchObject({ signatureValid: true, bodyHashMatches: true });
    expect(verifyDkim(raw, big.publicKey, 1).tags.get('s')).toBe('qcloud2048');
  });

  test('a changed header or body breaks the signature', () => {
    const { raw } = createBatchComposer({ ...shared, dkim: key(small) }).compose(recipient);
    const text = raw.toString('latin1');
    const header = Buffer.from(text.replace('To: alice@example.org', 'To: mallory@example.org'), 'latin1');
    expect(verifyDkim(header, small.publicKey).signatureValid).toBe(false);
    const body = Buffer.from(text.replace('t/click/tok/0', 't/click/tok/1'), 'latin1');
    expect(verifyDkim(body, small.publicKey).bodyHashMatches).toBe(false);
  });

  test('composeAsync (signing on the worker thread) gives the same bytes as compose', async () => {
    // Text only: no random multipart boundary, and RSA PKCS#1 v1.5 signatures are deterministic.
    const { html: _html, ...single } = recipient;
    const composer = createBatchComposer({ ...shared, dkim: [key(small), key(big, 'qcloud2048')] });
    const many = await Promise.all(
      [1, 2, 3].map((n) => composer.composeAsync({ ...single, to: `u${n}@example.org` })),
    );
    for (const [i, message] of many.entries()) {
      const sync = composer.compose({ ...single, to: `u${i + 1}@example.org` });
      expect(message.raw.equals(sync.raw)).toBe(true);
      expect(message.envelope).toEqual(sync.envelope);
      expect(verifyDkim(message.raw, big.publicKey, 1)).toMatchObject({
        signatureValid: true,
        bodyHashMatches: true,
      });
    }
    const utf8 = await composer.composeAsync({ ...recipient, to: 'josé@example.org' });
    expect(verifyDkim(utf8.raw, small.publicKey)).toMatchObject({
      bodyHashMatches: true,
      signatureValid: true,
    });
    await expect(composer.composeAsync({ ...recipient, subject: 'a\r\nBcc: x@example.org' })).rejects.toThrow(
      MessageCompositionError,
    );
  });

  test('an internationalised recipient address is signed over its UTF-8 bytes', () => {
    const { raw } = createBatchComposer({ ...shared, dkim: key(small) }).compose({
      ...recipient,
      to: 'josé@example.org',
    });
    expect(verifyDkim(raw, small.publicKey)).toMatchObject({ bodyHashMatches: true, signatureValid: true });
  });
});

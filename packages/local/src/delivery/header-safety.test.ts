import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type ComposeInput, composeMessage } from './compose.js';
import { MessageCompositionError } from './composition-error.js';

const base: ComposeInput = {
  from: 'Shop <news@mail.example.com>',
  to: ['alice@example.org'],
  subject: 'Hello',
  text: 'body',
  messageId: 'id-1@mail.example.com',
};

/** Strings that carry at least one CR or LF somewhere. */
const withLineBreak = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\r', '\n', '\r\n'), fc.string({ maxLength: 20 }))
  .map(([head, br, tail]) => `${head}${br}${tail}`);

/** Each field that ends up in a header, with how a tainted value is put into the input. */
const injectableFields: { field: string | RegExp; build: (evil: string) => Partial<ComposeInput> }[] = [
  { field: 'subject', build: (evil) => ({ subject: `Hi${evil}Bcc: victim@example.net` }) },
  { field: 'from', build: (evil) => ({ from: `Shop${evil} <news@mail.example.com>` }) },
  { field: 'from', build: (evil) => ({ from: `news@mail.example.com${evil}` }) },
  { field: 'replyTo', build: (evil) => ({ replyTo: `Help${evil} <help@mail.example.com>` }) },
  { field: 'to[1]', build: (evil) => ({ to: ['a@example.org', `Bob${evil} <bob@example.org>`] }) },
  { field: 'cc[0]', build: (evil) => ({ cc: [`carol@example.org${evil}`] }) },
  { field: 'bcc[0]', build: (evil) => ({ bcc: [`Dave${evil} <dave@example.org>`] }) },
  {
    field: 'attachments[0].filename',
    build: (evil) => ({ attachments: [{ filename: `a${evil}.txt`, content: Buffer.from('x') }] }),
  },
  { field: 'headers.X-Tag', build: (evil) => ({ headers: { 'X-Tag': `v${evil}X-Evil: 1` } }) },
  { field: 'messageId', build: (evil) => ({ messageId: `id${evil}@mail.example.com` }) },
  {
    field: 'unsubscribe.url',
    build: (evil) => ({ unsubscribe: { url: `https://e.com/u${evil}`, language: '2' } }),
  },
  {
    field: 'tracking.baseUrl',
    build: (evil) => ({ html: '<p/>', tracking: { baseUrl: `http://127.0.0.1${evil}`, token: 't' } }),
  },
];

describe('header injection', () => {
  test.each(injectableFields.map((entry, i) => [`${entry.field} #${i}`, entry] as const))(
    'CR/LF in %s is rejected naming the field',
    async (_label, { field, build }) => {
      await fc.assert(
        fc.asyncProperty(withLineBreak, async (evil) => {
          const error = await composeMessage({ ...base, ...build(evil) }).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(MessageCompositionError);
          expect((error as MessageCompositionError).field).toBe(field);
          expect((error as Error).message).toContain(String(field));
        }),
        { numRuns: 40 },
      );
    },
  );

  test('header names that are not RFC 5322 tokens are rejected', async () => {
    for (const name of ['X Tag', 'X:Tag', '', 'X-Tä', 'X\r\nEvil']) {
      await expect(composeMessage({ ...base, headers: { [name]: 'v' } })).rejects.toMatchObject({
        name: 'MessageCompositionError',
        field: `headers.${name}`,
      });
    }
  });

  test('headers the composer owns cannot be overridden (no Bcc smuggling)', async () => {
    for (const name of ['Bcc', 'from', 'Message-ID', 'DKIM-Signature', 'List-Unsubscribe']) {
      await expect(composeMessage({ ...base, headers: { [name]: 'x@example.net' } })).rejects.toMatchObject({
        field: `headers.${name}`,
      });
    }
  });
});

describe('attachment file names', () => {
  const attach = (filename: string) =>
    composeMessage({ ...base, attachments: [{ filename, content: Buffer.from('x') }] });

  test.each(['../x', '..\\x', 'a/b.txt', '/etc/passwd', 'C:\\boot.ini', '..', '.', ''])(
    'rejects %j',
    async (filename) => {
      await expect(attach(filename)).rejects.toMatchObject({ field: 'attachments[0].filename' });
    },
  );

  test('path traversal error says so', async () => {
    await expect(attach('../../etc/passwd')).rejects.toThrow(/path traversal/);
  });

  test('any name with a path separator is rejected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 10 }),
        fc.constantFrom('/', '\\'),
        fc.string({ maxLength: 10 }),
        async (a, sep, b) => {
          await expect(attach(`${a}${sep}${b}`)).rejects.toBeInstanceOf(MessageCompositionError);
        },
      ),
      { numRuns: 50 },
    );
  });

  test('rejects names over 255 characters and accepts exactly 255', async () => {
    await expect(attach(`${'a'.repeat(252)}.txt`)).rejects.toThrow(/at most 255/);
    await expect(attach(`${'a'.repeat(251)}.txt`)).resolves.toBeDefined();
  });

  test('rejects control characters', async () => {
    await expect(attach('a\u0000b.txt')).rejects.toThrow(/control characters/);
  });
});

describe('addresses', () => {
  test.each<[string, Partial<ComposeInput>]>([
    ['from', { from: 'not-an-address' }],
    ['from', { from: 'a@example.org, b@example.org' }],
    ['to[0]', { to: ['nobody'] }],
    ['replyTo', { replyTo: '' }],
  ])('rejects a bad %s', async (field, input) => {
    await expect(composeMessage({ ...base, ...input })).rejects.toMatchObject({ field });
  });

  test('requires at least one recipient', async () => {
    await expect(composeMessage({ ...base, to: [] })).rejects.toMatchObject({ field: 'to' });
    await expect(composeMessage({ ...base, to: [], bcc: ['b@example.org'] })).resolves.toBeDefined();
  });
});

import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, test } from 'vitest';
import { composeMessage } from '../../src/delivery/compose.js';
import { createSmtpTransport } from '../../src/delivery/smtp-transport.js';
import type { Transport } from '../../src/delivery/transport.js';
import { createHarness, SENDER, START, setupSender, shanghaiDate } from '../sending/harness.js';

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  raw: Buffer;
}

const USER = 'relay-user';
const PASS = 'relay-pass-123';

/** A real SMTP server on 127.0.0.1 that records every message it accepts. */
async function startSink(options: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASS) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
    ...options,
  });
  // A client that refuses the certificate shows up here, not as an unhandled error.
  const errors: Error[] = [];
  server.on('error', (error) => errors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    server,
    port,
    received,
    errors,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function composed() {
  return composeMessage({
    from: 'Shop <news@mail.example.com>',
    to: ['alice@example.org'],
    cc: ['carol@example.org'],
    bcc: ['hidden@example.net'],
    subject: 'Relayed 中继',
    text: 'hello through smtp\r\n.\r\nline after a lone dot',
    html: '<p>hello</p>',
    attachments: [{ filename: 'data.bin', content: Buffer.from([0, 1, 2, 254, 255]) }],
    messageId: 'relay-1@mail.example.com',
  });
}

describe('createSmtpTransport', () => {
  test('delivers the raw message intact with its envelope, authenticated', async () => {
    const sink = await startSink({ authOptional: false });
    cleanups.push(sink.close);
    const transport: Transport = createSmtpTransport({
      host: '127.0.0.1',
      port: sink.port,
      auth: { user: USER, pass: PASS },
    });
    cleanups.push(async () => transport.close?.());
    const message = await composed();

    const receipt = await transport.deliver({ id: 'm1', envelope: message.envelope, raw: message.raw });

    expect(transport.kind).toBe('smtp');
    expect(receipt.accepted?.sort()).toEqual([
      'alice@example.org',
      'carol@example.org',
      'hidden@example.net',
    ]);
    expect(receipt.rejected).toEqual([]);
    expect(sink.received).toHaveLength(1);
    const [got] = sink.received;
    expect(got?.from).toBe('news@mail.example.com');
    expect(got?.to.sort()).toEqual(['alice@example.org', 'carol@example.org', 'hidden@example.net']);
    expect(got?.user).toBe(USER);
    // Byte for byte: the relay must not re-encode, and dot-stuffing must be undone on arrival.
    expect(got?.raw.toString('latin1').replace(/\r\n$/, '')).toBe(
      message.raw.toString('latin1').replace(/\r\n$/, ''),
    );
    const parsed = await simpleParser(got?.raw ?? Buffer.alloc(0));
    expect(parsed.subject).toBe('Relayed 中继');
    expect(parsed.text).toContain('line after a lone dot');
    expect(parsed.attachments[0]?.content.equals(Buffer.from([0, 1, 2, 254, 255]))).toBe(true);
    expect(parsed.bcc).toBeUndefined();
  });

  test('a wrong password fails the delivery and nothing is accepted', async () => {
    const sink = await startSink({ authOptional: false });
    cleanups.push(sink.close);
    const transport = createSmtpTransport({
      host: '127.0.0.1',
      port: sink.port,
      auth: { user: USER, pass: 'wrong' },
    });
    cleanups.push(async () => transport.close?.());
    const message = await composed();
    await expect(
      transport.deliver({ id: 'm2', envelope: message.envelope, raw: message.raw }),
    ).rejects.toThrow(/Invalid username or password/);
    expect(sink.received).toHaveLength(0);
  });

  /** A sink without authentication that counts the connections made to it. */
  async function countingSink() {
    let count = 0;
    const sink = await startSink({
      authOptional: true,
      onConnect(_session, callback) {
        count += 1;
        callback();
      },
    });
    cleanups.push(sink.close);
    return { sink, connections: () => count };
  }

  test('reuses pooled connections for many messages', async () => {
    const { sink, connections } = await countingSink();
    const transport = createSmtpTransport({ host: '127.0.0.1', port: sink.port, maxConnections: 2 });
    cleanups.push(async () => transport.close?.());
    const message = await composed();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        transport.deliver({
          id: `p${i}`,
          envelope: { from: message.envelope.from, to: [`r${i}@example.org`] },
          raw: message.raw,
        }),
      ),
    );
    expect(sink.received.map((r) => r.to[0]).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `r${i}@example.org`).sort(),
    );
    expect(connections()).toBeLessThanOrEqual(2);
  });

  test('closing an unused transport neither connects nor fails; the first message opens one connection', async () => {
    const { sink, connections } = await countingSink();
    const unused = createSmtpTransport({ host: '127.0.0.1', port: sink.port });
    await unused.close?.();
    expect(connections()).toBe(0);
    const used = createSmtpTransport({ host: '127.0.0.1', port: sink.port });
    const message = await composed();
    await used.deliver({ id: 'first', envelope: message.envelope, raw: message.raw });
    await used.close?.();
    expect(connections()).toBe(1);
  });

  test('implicit TLS to a relay with a self-signed certificate when allowed', async () => {
    const sink = await startSink({ secure: true, authOptional: true, disabledCommands: [] });
    cleanups.push(sink.close);
    const message = await composed();

    const strict = createSmtpTransport({ host: '127.0.0.1', port: sink.port, secure: true });
    cleanups.push(async () => strict.close?.());
    await expect(strict.deliver({ id: 't0', envelope: message.envelope, raw: message.raw })).rejects.toThrow(
      /certificate/,
    );
    expect(sink.received).toHaveLength(0);

    const relaxed = createSmtpTransport({
      host: '127.0.0.1',
      port: sink.port,
      secure: true,
      allowSelfSigned: true,
    });
    cleanups.push(async () => relaxed.close?.());
    await relaxed.deliver({ id: 't1', envelope: message.envelope, raw: message.raw });
    expect(sink.received).toHaveLength(1);
  });
});

describe('the engine over an SMTP relay', () => {
  test('a recipient the relay refuses is rejected (DeliverStatus 3), the others delivered', async () => {
    const sink = await startSink({
      authOptional: true,
      onRcptTo(address, _session, callback) {
        if (address.address === 'nouser@example.net') callback(new Error('550 5.1.1 no such user'));
        else callback();
      },
    });
    cleanups.push(sink.close);
    const transport = createSmtpTransport({ host: '127.0.0.1', port: sink.port });
    const h = createHarness({ transport });
    cleanups.push(() => h.cleanup());
    const templateId = await setupSender(h);
    const { MessageId } = await h.call('SendEmail', {
      FromEmailAddress: SENDER,
      Destination: ['alice@example.net', 'nouser@example.net'],
      Subject: 'Hi',
      Template: { TemplateID: templateId, TemplateData: '{"name":"Ann"}' },
    });
    expect(sink.received.map((r) => r.to)).toEqual([['alice@example.net']]);
    const { EmailStatusList } = (await h.call('GetSendEmailStatus', {
      RequestDate: shanghaiDate(START),
      MessageId,
      Offset: 0,
      Limit: 10,
    })) as { EmailStatusList: Record<string, unknown>[] };
    expect(EmailStatusList.map((r) => [r['ToEmailAddress'], r['DeliverStatus']])).toEqual([
      ['alice@example.net', 1],
      ['nouser@example.net', 3],
    ]);
  });
});

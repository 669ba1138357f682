import type { DeliveryReceipt, OutgoingMessage, Transport } from './transport.js';

/** An SMTP relay to hand messages to. */
export interface SmtpTransportOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure?: boolean;
  auth?: { user: string; pass: string };
  /** Parallel connections kept open; default 5. */
  maxConnections?: number;
  /** Accept a self-signed relay certificate (local test relays); default false. */
  allowSelfSigned?: boolean;
}

/**
 * Delivers through an SMTP relay over a pool of connections. The raw, already composed (and
 * signed) bytes are sent untouched with an explicit envelope, so Bcc recipients get the message
 * without appearing in its headers.
 */
export function createSmtpTransport(options: SmtpTransportOptions): Transport {
  // Loaded and connected on the first message: nodemailer's transports are not needed before.
  let mailer: ReturnType<typeof openMailer> | undefined;
  return {
    kind: 'smtp',
    async deliver(message: OutgoingMessage): Promise<DeliveryReceipt> {
      mailer ??= openMailer(options);
      const info = await (await mailer).sendMail({ envelope: message.envelope, raw: message.raw });
      return { accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
    },
    async close() {
      // A mailer that could not be opened has nothing to close; its error went to the deliveries.
      (await mailer?.catch(() => undefined))?.close();
    },
  };
}

async function openMailer(options: SmtpTransportOptions) {
  const { createTransport } = await import('nodemailer');
  return createTransport({
    pool: true,
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    maxConnections: options.maxConnections ?? 5,
    ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass } } : {}),
    ...(options.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
  });
}

import MailComposer, { type MailComposerOptions } from 'nodemailer/lib/mail-composer';
import { type Mailbox, parseMailbox, parseMailboxes } from './address.js';
import { MessageCompositionError } from './composition-error.js';
import { type DkimSigningKey, signDkim } from './dkim-sign.js';
import {
  assertHeaderLines,
  assertHeaderName,
  assertHeaderValue,
  assertSafeFilename,
  messageIdValue,
  withCrlf,
} from './header-safety.js';
import { trackHtml } from './tracking.js';
import { unsubscribeParts } from './unsubscribe.js';

/** Everything one outgoing message is made of. */
export interface ComposeInput {
  /** From header, `addr` or `Alias <addr>`. */
  from: string;
  /** SMTP `MAIL FROM`, when it is not the From header's address (a `HeaderFrom` display address). */
  envelopeFrom?: string;
  to: string[];
  cc?: string[];
  /** Envelope only: never written to a header. */
  bcc?: string[];
  replyTo?: string;
  subject: string;
  html?: string;
  text?: string;
  attachments?: { filename: string; content: Buffer }[];
  /** Message-Id value, with or without the angle brackets, e.g. `<uuid>@<sender domain>`. */
  messageId: string;
  /** Date header; defaults to now. The engine passes its emulated clock. */
  date?: Date;
  /** Extra headers; names must be RFC 5322 field names not set by the composer itself. */
  headers?: Record<string, string>;
  /** `language` is an Unsubscribe code "1".."12": adds a localised footer link and List-Unsubscribe headers. */
  unsubscribe?: { url: string; language: string };
  /** Rewrites `<a href>` to `${baseUrl}/t/click/${token}/${index}` and adds `${baseUrl}/t/open/${token}.gif`. */
  tracking?: { baseUrl: string; token: string };
  /** One signing key, or several (one signature each, e.g. 1024 + 2048 bits for `DKIMOption` 2). */
  dkim?: DkimSigningKey | DkimSigningKey[];
}

/** A composed message. */
export interface ComposedMessage {
  /** The RFC 5322 bytes (CRLF line ends), DKIM-signed when a key was given. */
  raw: Buffer;
  /** `links[index]` is the original URL behind click index `index`. */
  links: string[];
  /** SMTP envelope: the From address and every To, Cc and Bcc address. */
  envelope: { from: string; to: string[] };
}

/**
 * Renders a message with nodemailer's MIME composer: multipart/alternative for text + HTML,
 * multipart/mixed around attachments, UTF-8 encoded words in headers. Any input that would
 * inject a header or escape a directory is rejected with a `MessageCompositionError`.
 */
export async function composeMessage(input: ComposeInput): Promise<ComposedMessage> {
  const from = parseMailbox('from', input.from);
  const envelopeFrom =
    input.envelopeFrom === undefined ? from : parseMailbox('envelopeFrom', input.envelopeFrom);
  const to = parseMailboxes('to', input.to);
  const cc = parseMailboxes('cc', input.cc ?? []);
  const bcc = parseMailboxes('bcc', input.bcc ?? []);
  const replyTo = input.replyTo === undefined ? undefined : parseMailbox('replyTo', input.replyTo);
  if (to.length + cc.length + bcc.length === 0) {
    throw new MessageCompositionError('to', 'at least one recipient (To, Cc or Bcc) is required');
  }
  assertHeaderValue('subject', input.subject);
  const messageId = messageIdValue(input.messageId);

  // A list, not an object: a caller's `__proto__` header name stays a header name.
  const headers: { key: string; value: string }[] = [];
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    assertHeaderName(name);
    assertHeaderValue(`headers.${name}`, value);
    headers.push({ key: name, value });
  }

  let html = input.html;
  let text = input.text ?? (html === undefined ? '' : undefined);
  let links: string[] = [];
  if (input.tracking && html !== undefined) {
    const tracked = trackHtml(html, input.tracking.baseUrl, input.tracking.token);
    html = tracked.html;
    links = tracked.links;
  }
  // After tracking, so the unsubscribe link is never counted as a click.
  if (input.unsubscribe) {
    const parts = unsubscribeParts(input.unsubscribe.url, input.unsubscribe.language);
    if (html !== undefined) html = parts.html(html);
    if (text !== undefined) text = parts.text(text);
    for (const [key, value] of Object.entries(parts.headers)) headers.push({ key, value });
  }

  const attachments = (input.attachments ?? []).map((attachment, index) => {
    assertSafeFilename(`attachments[${index}].filename`, attachment.filename);
    // Always a base64 attachment: nodemailer would send an `.eml` file inline as raw 8-bit bytes.
    return {
      filename: attachment.filename,
      content: attachment.content,
      contentDisposition: 'attachment' as const,
      contentTransferEncoding: 'base64' as const,
    };
  });

  const options: MailComposerOptions = {
    from,
    to,
    cc,
    subject: input.subject,
    messageId: `<${messageId}>`,
    date: input.date ?? new Date(),
    headers,
    attachments,
    // The content is always given inline; never let a value be read from disk or the network.
    disableFileAccess: true,
    disableUrlAccess: true,
    // RFC 5322 wants CRLF; a bare LF in the caller's text would otherwise reach the wire and the DKIM body hash.
    newline: 'windows',
  };
  if (replyTo) options.replyTo = replyTo;
  // Every line break as CRLF, bare CRs included (the composer's newline option converts only LF).
  if (text !== undefined) options.text = withCrlf(text);
  if (html !== undefined) options.html = withCrlf(html);

  let raw = await new MailComposer(options).compile().build();
  assertHeaderLines(raw.subarray(0, Math.max(0, raw.indexOf('\r\n\r\n'))).toString('latin1'));
  if (input.dkim) raw = signDkim(raw, Array.isArray(input.dkim) ? input.dkim : [input.dkim]);
  return {
    raw,
    links,
    envelope: { from: envelopeFrom.address, to: uniqueAddresses([...to, ...cc, ...bcc]) },
  };
}

/** Each recipient once (case-insensitively), so a relay is not asked to deliver twice. */
function uniqueAddresses(mailboxes: readonly Mailbox[]): string[] {
  const seen = new Set<string>();
  return mailboxes
    .map((mailbox) => mailbox.address)
    .filter((address) => {
      const key = address.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

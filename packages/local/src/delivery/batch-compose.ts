import { foldLines } from 'nodemailer/lib/mime-funcs';
import MimeNode, { type MimeNodeHeaderValue } from 'nodemailer/lib/mime-node';
import { type Mailbox, parseMailbox } from './address.js';
import type { ComposedMessage } from './compose.js';
import { MessageCompositionError } from './composition-error.js';
import {
  type DkimSigningKey,
  dkimSignatures,
  type HeaderField,
  NON_ASCII,
  type PreparedDkimKey,
  pendingDkimSignatures,
  prepareDkimKeys,
  relaxedBodyHash,
  signDkim,
} from './dkim-sign.js';
import { assertHeaderLines, assertHeaderValue, messageIdValue, withCrlf } from './header-safety.js';
import { encodeText, newBoundary } from './mime-parts.js';
import { trackHtmlWithCheckedBase } from './tracking.js';
import { unsubscribeParts, unsubscribeText } from './unsubscribe.js';
import { assertHttpUrl } from './url.js';

/** What every message of a batch shares; checked once, when the composer is created. */
export interface BatchShared {
  /** From header, `addr` or `Alias <addr>`. */
  from: string;
  replyTo?: string;
  /** With a recipient's `trackingToken`: links rewritten and the open pixel added (see `ComposeInput.tracking`). */
  trackingBaseUrl?: string;
  /** Unsubscribe code "1".."12"; with a recipient's `unsubscribeUrl` adds the footer and List-Unsubscribe headers. */
  unsubscribeLanguage?: string;
  /** One key, or several (one signature each). */
  dkim?: DkimSigningKey | DkimSigningKey[];
}

/** What differs per recipient: the rendered template and the ids. */
export interface BatchRecipient {
  to: string;
  subject: string;
  html?: string;
  text?: string;
  /** Message-Id value, with or without the angle brackets. */
  messageId: string;
  date: Date;
  trackingToken?: string;
  unsubscribeUrl?: string;
}

/** Composes the messages of one batch. */
export interface BatchComposer {
  /**
   * The message `composeMessage` would build from the shared fields and this recipient's (To =
   * `to` only, no Cc/Bcc, no attachments, no extra headers), assembled as a string instead of a
   * MIME tree. Rejects the same inputs with the same `MessageCompositionError`s.
   */
  compose(recipient: BatchRecipient): ComposedMessage;
  /**
   * The same message, with the DKIM signatures computed on a worker thread: start many, then
   * await them, and the signing of one runs while the next ones are composed. Rejects what
   * `compose` throws.
   */
  composeAsync(recipient: BatchRecipient): Promise<ComposedMessage>;
}

/** A message before its DKIM signatures: the header fields, the header block and the body. */
interface Unsigned {
  fields: HeaderField[];
  head: string;
  body: string;
  links: string[];
  envelope: ComposedMessage['envelope'];
}

// An address the address parser would return unchanged: the common case skips the parser.
const SIMPLE_ADDRESS = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/**
 * Printable ASCII without a double quote or an encoded-word opener: the composer's header encoder
 * returns such a text value as it is, so the common case skips it.
 */
const PLAIN_TEXT = /^[\x20\x21\x23-\x7e]*$/;
/** Lines shorter than this are never folded. */
const FOLD_AT = 76;

/** A field line folded the way the composer folds it; a short one is left as it is without looking. */
function folded(line: string): string {
  return line.length < FOLD_AT ? line : foldLines(line, FOLD_AT);
}

/** One encoded header field, folded the way the composer folds it. */
function field(encoder: MimeNode, key: string, value: MimeNodeHeaderValue): HeaderField {
  return { name: key.toLowerCase(), line: folded(`${key}: ${encoder.encodeHeaderValue(key, value)}`) };
}

/** Appends the field unless its value is blank: the composer leaves such a field out (an empty Subject). */
function pushField(fields: HeaderField[], encoder: MimeNode, key: string, value: string): void {
  const encoded =
    PLAIN_TEXT.test(value) && !value.includes('=?') ? value : encoder.encodeHeaderValue(key, value);
  if (encoded.trim() !== '') fields.push({ name: key.toLowerCase(), line: folded(`${key}: ${encoded}`) });
}

/**
 * An address the header encoder writes as it is: a dot-atom local part (it quotes others) and a
 * lower-case domain whose last label starts with a letter and no label with `xn--` (it lower-cases
 * others, reads a domain ending in a number as an IPv4 address, and checks punycode).
 */
const VERBATIM_ADDRESS =
  /^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@(?!(?:[^@]*\.)?xn--)(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*$/;

/** The To field of one address: a plain one is written without the encoder. */
function toField(encoder: MimeNode, to: Mailbox): HeaderField {
  if (to.name === '' && VERBATIM_ADDRESS.test(to.address))
    return { name: 'to', line: folded(`To: ${to.address}`) };
  return field(encoder, 'To', [to]);
}

function textPart(contentType: 'text/plain' | 'text/html', text: string) {
  const encoded = encodeText(text);
  const type = { name: 'content-type', line: `Content-Type: ${contentType}; charset=utf-8` };
  const cte = { name: 'content-transfer-encoding', line: `Content-Transfer-Encoding: ${encoded.encoding}` };
  return { headers: [type, cte], content: encoded.content };
}

/**
 * Prepares a composer for many messages that share sender, reply address, tracking, unsubscribe
 * language and DKIM keys. Throws a `MessageCompositionError` if a shared value is invalid.
 */
export function createBatchComposer(shared: BatchShared): BatchComposer {
  const from = parseMailbox('from', shared.from);
  const replyTo = shared.replyTo === undefined ? undefined : parseMailbox('replyTo', shared.replyTo);
  if (shared.trackingBaseUrl !== undefined) assertHttpUrl('tracking.baseUrl', shared.trackingBaseUrl);
  const language = shared.unsubscribeLanguage;
  if (language !== undefined && unsubscribeText(language) === undefined) {
    throw new MessageCompositionError('unsubscribe.language', 'must be an Unsubscribe code "1" to "12"');
  }
  const dkimKeys = shared.dkim === undefined ? [] : Array.isArray(shared.dkim) ? shared.dkim : [shared.dkim];
  const keys: PreparedDkimKey[] = prepareDkimKeys(dkimKeys);
  // A header-less node: only its header encoder is used (the same code the composer runs).
  const encoder = new MimeNode();
  const fromField = field(encoder, 'From', from);
  const replyToField = replyTo ? field(encoder, 'Reply-To', replyTo) : undefined;
  let dateKey = Number.NaN;
  let dateField: HeaderField | undefined;

  /** Checks a recipient's fields and assembles the message without signatures. */
  function assemble(recipient: BatchRecipient): Unsigned {
    const to: Mailbox = SIMPLE_ADDRESS.test(recipient.to)
      ? { name: '', address: recipient.to }
      : parseMailbox('to[0]', recipient.to);
    assertHeaderValue('subject', recipient.subject);
    const messageId = messageIdValue(recipient.messageId);

    let html = recipient.html;
    let text = recipient.text ?? (html === undefined ? '' : undefined);
    let links: string[] = [];
    if (shared.trackingBaseUrl !== undefined && recipient.trackingToken !== undefined && html !== undefined) {
      const tracked = trackHtmlWithCheckedBase(html, shared.trackingBaseUrl, recipient.trackingToken);
      html = tracked.html;
      links = tracked.links;
    }
    const fields: HeaderField[] = [];
    if (language !== undefined && recipient.unsubscribeUrl !== undefined) {
      const parts = unsubscribeParts(recipient.unsubscribeUrl, language);
      if (html !== undefined) html = parts.html(html);
      if (text !== undefined) text = parts.text(text);
      for (const [key, value] of Object.entries(parts.headers)) pushField(fields, encoder, key, value);
    }

    fields.push(fromField, toField(encoder, to));
    if (replyToField) fields.push(replyToField);
    pushField(fields, encoder, 'Subject', recipient.subject);
    fields.push({ name: 'message-id', line: `Message-ID: <${messageId}>` });
    if (recipient.date.getTime() !== dateKey || !dateField) {
      dateKey = recipient.date.getTime();
      dateField = field(encoder, 'Date', recipient.date);
    }
    fields.push(dateField);

    // The composer leaves out an empty part; with neither part it writes an empty text/plain body.
    const plain = text ? textPart('text/plain', withCrlf(text)) : undefined;
    const rich = html ? textPart('text/html', withCrlf(html)) : undefined;
    const mimeVersion = { name: 'mime-version', line: 'MIME-Version: 1.0' };
    let body: string;
    if (plain && rich) {
      const boundary = newBoundary();
      fields.push(mimeVersion, {
        name: 'content-type',
        line: `Content-Type: multipart/alternative;\r\n boundary="${boundary}"`,
      });
      body =
        `--${boundary}\r\n${plain.headers.map((h) => h.line).join('\r\n')}\r\n\r\n${plain.content}` +
        `\r\n--${boundary}\r\n${rich.headers.map((h) => h.line).join('\r\n')}\r\n\r\n${rich.content}` +
        `\r\n--${boundary}--\r\n`;
    } else if (plain || rich) {
      const single = (plain ?? rich) as NonNullable<typeof plain>;
      const [type, cte] = single.headers as [HeaderField, HeaderField];
      // The root's Content-Type goes below everything else.
      fields.push(cte, mimeVersion, type);
      // Like the composer, end with exactly one line break (completing a trailing CR).
      const last = single.content.at(-1);
      body = last === '\n' ? single.content : last === '\r' ? `${single.content}\n` : `${single.content}\r\n`;
    } else {
      fields.push(mimeVersion, { name: 'content-type', line: 'Content-Type: text/plain' });
      body = '';
    }

    const head = fields.map((f) => f.line).join('\r\n');
    assertHeaderLines(head);
    return { fields, head, body, links, envelope: { from: from.address, to: [to.address] } };
  }

  /** An internationalised address goes out as UTF-8 bytes: those bytes are signed, not the characters. */
  function utf8Message(message: Unsigned): ComposedMessage {
    let raw: Buffer = Buffer.from(`${message.head}\r\n\r\n${message.body}`, 'utf8');
    if (dkimKeys.length > 0) raw = signDkim(raw, dkimKeys);
    return { raw, links: message.links, envelope: message.envelope };
  }

  /** The message as latin1 bytes (ASCII headers), the signature fields on top. */
  function withSignatures(message: Unsigned, signatures: string[]): ComposedMessage {
    const top = signatures.length > 0 ? `${signatures.join('\r\n')}\r\n` : '';
    const raw = Buffer.from(`${top}${message.head}\r\n\r\n${message.body}`, 'latin1');
    return { raw, links: message.links, envelope: message.envelope };
  }

  return {
    compose(recipient) {
      const message = assemble(recipient);
      if (NON_ASCII.test(message.head)) return utf8Message(message);
      const signatures =
        keys.length > 0 ? dkimSignatures(keys, message.fields, relaxedBodyHash(message.body)) : [];
      return withSignatures(message, signatures);
    },
    // Not an async function: a suspended one keeps its parameter (the recipient, with its rendered
    // HTML) and its locals alive until the worker answers, hundreds of messages at a time. Only the
    // bytes, the links and the envelope wait for the signatures.
    composeAsync(recipient) {
      try {
        const message = assemble(recipient);
        if (NON_ASCII.test(message.head)) return Promise.resolve(utf8Message(message));
        if (keys.length === 0) return Promise.resolve(withSignatures(message, []));
        const signatures = pendingDkimSignatures(keys, message.fields, relaxedBodyHash(message.body));
        // The bytes now, with room for the signatures on top.
        const { head, body, links, envelope } = message;
        const raw = Buffer.allocUnsafe(signatures.length + head.length + 4 + body.length);
        let offset = signatures.length + raw.write(head, signatures.length, 'latin1');
        offset += raw.write('\r\n\r\n', offset, 'latin1');
        raw.write(body, offset, 'latin1');
        return signatures.writeInto(raw).then(() => ({ raw, links, envelope }));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

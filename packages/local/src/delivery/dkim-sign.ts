import { createHash, createPrivateKey, hash, type KeyObject, sign } from 'node:crypto';
import { foldLines } from 'nodemailer/lib/mime-funcs';
import { MessageCompositionError } from './composition-error.js';
import { signingWorker } from './signing-worker.js';

/** The signing identity of a sender domain. */
export interface DkimSigningKey {
  domainName: string;
  keySelector: string;
  /** PEM (PKCS#8 or PKCS#1) RSA private key. */
  privateKey: string;
}

/** A validated signing key with its parsed private key. */
export interface PreparedDkimKey {
  readonly domainName: string;
  readonly keySelector: string;
  readonly key: KeyObject;
}

/** One header field as written: `line` is the whole field (folding included) without the final CRLF. */
export interface HeaderField {
  /** Lower-case field name. */
  readonly name: string;
  readonly line: string;
}

const DOMAIN =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const SELECTOR = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62})$/;

/**
 * The fields a signature covers when present, in this order: the originator and recipient fields,
 * the MIME structure and the list headers (RFC 6376 §5.4.1 recommendations, the same list
 * nodemailer's signer uses, so SendEmail and batch messages are signed alike).
 */
const SIGNED_FIELDS = [
  'from',
  'sender',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'to',
  'cc',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-id',
  'content-description',
  'resent-date',
  'resent-from',
  'resent-sender',
  'resent-to',
  'resent-cc',
  'resent-message-id',
  'in-reply-to',
  'references',
  'list-id',
  'list-help',
  'list-unsubscribe',
  'list-unsubscribe-post',
  'list-subscribe',
  'list-post',
  'list-owner',
  'list-archive',
];
const SIGNED_SET = new Set(SIGNED_FIELDS);

// Parsing a PEM costs more than signing with it: a domain's key is parsed once per process, not
// once per message. Bounded, because keys are never deleted from here when a domain is.
const MAX_CACHED_KEYS = 64;
const parsedKeys = new Map<string, KeyObject>();

function parseKey(field: string, pem: string): KeyObject {
  const cached = parsedKeys.get(pem);
  if (cached) return cached;
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    // Never echo the key itself.
    throw new MessageCompositionError(`${field}.privateKey`, 'must be a PEM RSA private key');
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new MessageCompositionError(`${field}.privateKey`, 'must be a PEM RSA private key');
  }
  if (parsedKeys.size >= MAX_CACHED_KEYS) parsedKeys.clear();
  parsedKeys.set(pem, key);
  return key;
}

/**
 * Validates signing keys (domain, selector, RSA PEM) and parses them; errors name the key
 * (`dkim`, or `dkim[1]` of several). Do this once per sender domain, then sign many messages.
 */
export function prepareDkimKeys(keys: readonly DkimSigningKey[], field = 'dkim'): PreparedDkimKey[] {
  return keys.map((key, index) => {
    const name = keys.length === 1 ? field : `${field}[${index}]`;
    if (!DOMAIN.test(key.domainName))
      throw new MessageCompositionError(`${name}.domainName`, 'must be a domain name');
    if (!SELECTOR.test(key.keySelector)) {
      throw new MessageCompositionError(`${name}.keySelector`, 'must be a DNS label of [A-Za-z0-9._-]');
    }
    return {
      domainName: key.domainName.toLowerCase(),
      keySelector: key.keySelector,
      key: parseKey(name, key.privateKey),
    };
  });
}

/** Anything relaxed canonicalisation would change beyond the space after the colon. */
const NEEDS_UNFOLDING = /[\r\t]| {2}/;

/** Relaxed header canonicalisation (RFC 6376 §3.4.2) of a field's value: unfolded, WSP runs as one SP, trimmed. */
function relaxedValue(line: string): string {
  let value = line.slice(line.indexOf(':') + 1);
  if (NEEDS_UNFOLDING.test(value)) value = value.replace(/\r\n/g, '').replace(/[ \t]+/g, ' ');
  // At most one space at either end is left after collapsing.
  const start = value.charCodeAt(0) === 32 ? 1 : 0;
  const end =
    value.length > start && value.charCodeAt(value.length - 1) === 32 ? value.length - 1 : value.length;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * The base64 SHA-256 of the relaxed-canonicalised body (RFC 6376 §3.4.4): WSP runs become one SP,
 * WSP at line ends and empty lines at the end go, a non-empty body ends with one CRLF. `body` is
 * the message after the blank line, as latin1 (bytes as characters).
 */
export function relaxedBodyHash(body: string): string {
  let canonical = body;
  // Most bodies (QP and base64 parts) are ASCII with nothing to collapse: one scan tells.
  const plain = !NOT_PLAIN_BODY.test(body);
  if (!plain && /\t| {2}/.test(canonical)) canonical = canonical.replace(/[ \t]+/g, ' ');
  if (!plain && canonical.includes(' \r\n')) canonical = canonical.replace(/ \r\n/g, '\r\n');
  // The empty lines at the end go, and so does the white space of a last line without its CRLF
  // (`a\r\n\t` is `a\r\n`): collapsed to one space above, so a CRLF or one space at a time.
  let end = canonical.length;
  for (;;) {
    if (end >= 2 && canonical.charCodeAt(end - 2) === 13 && canonical.charCodeAt(end - 1) === 10) end -= 2;
    else if (end > 0 && canonical.charCodeAt(end - 1) === 32) end -= 1;
    else break;
  }
  // Usually the body already ends with exactly one CRLF: hashed as it is, without a copy.
  if (end === 0) canonical = '';
  else if (end !== canonical.length - 2) canonical = `${canonical.slice(0, end)}\r\n`;
  // The one-shot hash reads a string as UTF-8, which is the same bytes for ASCII (the usual
  // encoded body); anything else is hashed as latin1, byte for character.
  return !plain && NON_ASCII.test(canonical)
    ? createHash('sha256').update(canonical, 'latin1').digest('base64')
    : hash('sha256', canonical, 'base64');
}

/** What makes a body more than ASCII hashed as it is: WSP to collapse or strip, or a non-ASCII character. */
const NOT_PLAIN_BODY = /[\t\x80-\uffff]| {2}| \r\n/;

/** A character outside ASCII: such text is not the same bytes in UTF-8 and latin1. */
export const NON_ASCII = /[^\x00-\x7f]/;

/**
 * `DKIM-Signature` fields (rsa-sha256, relaxed/relaxed), one per key in key order, for a message
 * with these header fields and a body whose relaxed hash is `bodyHash`. Each signature covers the
 * last instance of every field of {@link SIGNED_FIELDS} present; two keys give the dual 1024/2048-bit
 * signature of `DKIMOption` 2.
 */
export function dkimSignatures(
  keys: readonly PreparedDkimKey[],
  fields: readonly HeaderField[],
  bodyHash: string,
): string[] {
  return signingInputs(keys, fields, bodyHash).map((input) =>
    withSignature(
      input.head,
      sign('sha256', Buffer.from(input.data, 'latin1'), input.key).toString('base64'),
    ),
  );
}

/** Signature fields whose length is known before they are signed. */
export interface PendingSignatures {
  /** Bytes the fields take, each followed by CRLF. */
  readonly length: number;
  /** Writes the fields (latin1) at the start of `target` once they are signed. */
  writeInto(target: Buffer): Promise<void>;
}

/**
 * {@link dkimSignatures} with the RSA operations on the delivery worker thread
 * ({@link signingWorker}): the caller's thread goes on composing the next messages while another
 * core signs. An RSA signature always has the key's length, so the fields' length is known at once:
 * the caller can turn the rest of the message into bytes now, leaving room for them, and drop its
 * strings instead of keeping them alive until the signatures are back.
 */
export function pendingDkimSignatures(
  keys: readonly PreparedDkimKey[],
  fields: readonly HeaderField[],
  bodyHash: string,
): PendingSignatures {
  const inputs = signingInputs(keys, fields, bodyHash);
  const signatures = inputs.map((input) => signingWorker.sign(input.key, input.data));
  // What the signatures are awaited with, without the data they sign (gone once it is sent).
  const heads = inputs.map(({ head, length }) => ({ head, length }));
  return {
    length: heads.reduce((sum, input) => sum + input.length, 0),
    async writeInto(target) {
      let offset = 0;
      for (const [index, signature] of (await Promise.all(signatures)).entries()) {
        const { head, length } = heads[index] as (typeof heads)[number];
        const field = `${withSignature(head, signature)}\r\n`;
        // Cannot differ for an RSA key; checked so that a surprise can never corrupt a message.
        if (field.length !== length) throw new Error('DKIM signature of an unexpected length');
        offset += target.write(field, offset, 'latin1');
      }
    },
  };
}

/** Characters of a folded base64 signature made with this key (always the modulus' length). */
function signatureFieldLength(key: KeyObject): number {
  const bytes = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  return withSignature('', 'A'.repeat(4 * Math.ceil(bytes / 3))).length;
}

/** What one key signs: its field up to `b=` and the canonical bytes the signature covers. */
interface SigningInput {
  readonly head: string;
  /** latin1: one byte a character. */
  readonly data: string;
  readonly key: KeyObject;
  /** Characters of the complete field, signed and folded, with its CRLF. */
  readonly length: number;
}

function signingInputs(
  keys: readonly PreparedDkimKey[],
  fields: readonly HeaderField[],
  bodyHash: string,
): SigningInput[] {
  const lastByName = new Map<string, HeaderField>();
  for (const field of fields) if (SIGNED_SET.has(field.name)) lastByName.set(field.name, field);
  const names: string[] = [];
  let data = '';
  for (const name of SIGNED_FIELDS) {
    const field = lastByName.get(name);
    if (!field) continue;
    names.push(name);
    data += `${name}:${relaxedValue(field.line)}\r\n`;
  }
  const signed = names.join(':');
  return keys.map((key) => {
    const template = signatureTemplate(key, signed);
    const head = template.head[0] + bodyHash + template.head[1];
    const relaxed = template.relaxed[0] + bodyHash + template.relaxed[1];
    return { head, data: `${data}dkim-signature:${relaxed}`, key: key.key, length: template.length };
  });
}

/** A `DKIM-Signature` field up to `b=`, before and after the body hash: folded, and relaxed. */
interface SignatureTemplate {
  readonly head: readonly [string, string];
  readonly relaxed: readonly [string, string];
  /** Characters of the complete field, signed and folded, with its CRLF: the same for every message. */
  readonly length: number;
}

/**
 * A SHA-256 in base64 is always 44 characters without white space, so the folding of the field is
 * the same for every body hash: it is worked out once per key and list of signed fields, with a
 * stand-in (a character no domain, selector or field name contains) where the hash goes.
 */
const BODY_HASH_STAND_IN = '#'.repeat(44);
const templates = new WeakMap<PreparedDkimKey, Map<string, SignatureTemplate>>();

function signatureTemplate(key: PreparedDkimKey, signed: string): SignatureTemplate {
  let byFields = templates.get(key);
  if (!byFields) {
    byFields = new Map();
    templates.set(key, byFields);
  }
  let template = byFields.get(signed);
  if (!template) {
    const head = `${foldLines(
      `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${key.domainName}; q=dns/txt; ` +
        `s=${key.keySelector}; bh=${BODY_HASH_STAND_IN}; h=${signed}`,
      76,
    )};\r\n b=`;
    const split = (text: string) => {
      const at = text.indexOf(BODY_HASH_STAND_IN);
      return [text.slice(0, at), text.slice(at + BODY_HASH_STAND_IN.length)] as const;
    };
    template = {
      head: split(head),
      relaxed: split(relaxedValue(head)),
      length: head.length + signatureFieldLength(key.key) + 2,
    };
    byFields.set(signed, template);
  }
  return template;
}

/**
 * The complete field: `head` (up to `b=`) and the base64 signature, folded: 73 characters on the
 * line of `b=`, then 75 a line, no break after the last piece.
 */
export function withSignature(head: string, signature: string): string {
  if (signature.length < 73) return head + signature;
  let field = `${head}${signature.slice(0, 73)}\r\n `;
  let at = 73;
  for (; signature.length - at > 75; at += 75) field += `${signature.slice(at, at + 75)}\r\n `;
  return field + signature.slice(at);
}

/** Splits a header block (without the blank line) into its fields, continuation lines included. */
function parseHeaderFields(head: string): HeaderField[] {
  const fields: { name: string; line: string }[] = [];
  for (const line of head.split('\r\n')) {
    const last = fields.at(-1);
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) last.line += `\r\n${line}`;
    else fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), line });
  }
  return fields;
}

/**
 * Prepends one `DKIM-Signature` per key to a complete RFC 5322 message (CRLF line ends), each
 * signed with `crypto.sign` over the relaxed header block and body hash.
 */
export function signDkim(raw: Buffer, keys: readonly DkimSigningKey[], field = 'dkim'): Buffer {
  const prepared = prepareDkimKeys(keys, field);
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  const body = split === -1 ? '' : text.slice(split + 4);
  const signatures = dkimSignatures(prepared, parseHeaderFields(head), relaxedBodyHash(body));
  return Buffer.concat([Buffer.from(`${signatures.join('\r\n')}\r\n`, 'latin1'), raw]);
}

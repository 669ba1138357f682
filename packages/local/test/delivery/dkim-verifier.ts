import { createHash, createPublicKey, verify } from 'node:crypto';

// An independent DKIM verifier (RFC 6376, rsa-sha256, relaxed/relaxed) used only by tests, so the
// composer's signature is checked by code that shares nothing with nodemailer's signer.

/** The outcome of verifying the first DKIM-Signature of a message. */
export interface DkimVerification {
  bodyHashMatches: boolean;
  signatureValid: boolean;
  tags: Map<string, string>;
  signedHeaders: string[];
}

interface HeaderField {
  name: string;
  /** The whole field as it appears, folding included, without the final CRLF. */
  raw: string;
}

function splitMessage(raw: Buffer): { fields: HeaderField[]; body: string } {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? '' : text.slice(end + 4);
  const fields: HeaderField[] = [];
  for (const line of head.split('\r\n')) {
    const last = fields.at(-1);
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) last.raw += `\r\n${line}`;
    else fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), raw: line });
  }
  return { fields, body };
}

function relaxedHeader(field: HeaderField): string {
  const value = field.raw.slice(field.raw.indexOf(':') + 1);
  return `${field.name}:${value
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim()}`;
}

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}

function parseTags(value: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) tags.set(part.slice(0, at).trim(), part.slice(at + 1).replace(/[ \t\r\n]+/g, ''));
  }
  return tags;
}

/**
 * Verifies the message's `index`-th DKIM-Signature (from the top) against a base64 DER SPKI
 * public key (the DNS `p=`).
 */
export function verifyDkim(raw: Buffer, publicKeyBase64: string, index = 0): DkimVerification {
  const { fields, body } = splitMessage(raw);
  const signatureField = fields.filter((field) => field.name === 'dkim-signature')[index];
  if (!signatureField) throw new Error(`no DKIM-Signature header #${index}`);
  const tags = parseTags(signatureField.raw.slice(signatureField.raw.indexOf(':') + 1));
  if (tags.get('a') !== 'rsa-sha256' || tags.get('c') !== 'relaxed/relaxed') {
    throw new Error(`unexpected algorithm ${tags.get('a')} / ${tags.get('c')}`);
  }
  const bodyHash = createHash('sha256').update(relaxedBody(body), 'latin1').digest('base64');

  // Each listed name takes the next instance from the bottom (RFC 6376 §5.4.2).
  const signedHeaders = (tags.get('h') ?? '').split(':').map((name) => name.trim().toLowerCase());
  const used = new Set<HeaderField>();
  let data = '';
  for (const name of signedHeaders) {
    const field = fields.findLast((candidate) => candidate.name === name && !used.has(candidate));
    if (!field) continue;
    used.add(field);
    data += `${relaxedHeader(field)}\r\n`;
  }
  const unsigned = { ...signatureField, raw: signatureField.raw.replace(/(^|;)(\s*b=)[^;]*/, '$1$2') };
  data += relaxedHeader(unsigned);

  const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
  const signatureValid = verify(
    'sha256',
    Buffer.from(data, 'latin1'),
    key,
    Buffer.from(tags.get('b') ?? '', 'base64'),
  );
  return { bodyHashMatches: bodyHash === tags.get('bh'), signatureValid, tags, signedHeaders };
}

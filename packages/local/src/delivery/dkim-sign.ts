import { createPrivateKey } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import DKIM from 'nodemailer/lib/dkim';
import { MessageCompositionError } from './composition-error.js';

/** The signing identity of a sender domain. */
export interface DkimSigningKey {
  domainName: string;
  keySelector: string;
  /** PEM (PKCS#8 or PKCS#1) RSA private key. */
  privateKey: string;
}

const DOMAIN =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const SELECTOR = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62})$/;

/**
 * Prepends one `DKIM-Signature` (rsa-sha256, relaxed/relaxed) per key to a complete RFC 5322
 * message; two keys give the dual 1024/2048-bit signature of `DKIMOption` 2. nodemailer's signer
 * covers From, To, Subject, Date, Message-ID, Cc, Reply-To, the MIME headers and
 * List-Unsubscribe(-Post), each only when present.
 */
export async function signDkim(
  raw: Buffer,
  keys: readonly DkimSigningKey[],
  field = 'dkim',
): Promise<Buffer> {
  keys.forEach((key, index) => {
    assertSigningKey(keys.length === 1 ? field : `${field}[${index}]`, key);
  });
  const signer = new DKIM({ keys: keys.map((key) => ({ ...key })) });
  const signed = await buffer(signer.sign(raw));
  // nodemailer drops a signature instead of failing when signing itself fails; a message must not
  // go out with fewer signatures than asked for.
  const text = signed.toString('latin1');
  const head = text.slice(0, text.indexOf('\r\n\r\n') + 2);
  if ((head.match(/^DKIM-Signature:/gm) ?? []).length !== keys.length) {
    throw new MessageCompositionError(`${field}.privateKey`, 'could not sign the message with this key');
  }
  return signed;
}

function assertSigningKey(field: string, key: DkimSigningKey): void {
  if (!DOMAIN.test(key.domainName))
    throw new MessageCompositionError(`${field}.domainName`, 'must be a domain name');
  if (!SELECTOR.test(key.keySelector)) {
    throw new MessageCompositionError(`${field}.keySelector`, 'must be a DNS label of [A-Za-z0-9._-]');
  }
  try {
    const parsed = createPrivateKey(key.privateKey);
    if (parsed.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
  } catch {
    // Never echo the key itself.
    throw new MessageCompositionError(`${field}.privateKey`, 'must be a PEM RSA private key');
  }
}

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
 * Prepends a `DKIM-Signature` (rsa-sha256, relaxed/relaxed) to a complete RFC 5322 message.
 * nodemailer's signer covers From, To, Subject, Date, Message-ID, Cc, Reply-To, the MIME headers
 * and List-Unsubscribe(-Post), each only when present.
 */
export async function signDkim(raw: Buffer, key: DkimSigningKey): Promise<Buffer> {
  if (!DOMAIN.test(key.domainName))
    throw new MessageCompositionError('dkim.domainName', 'must be a domain name');
  if (!SELECTOR.test(key.keySelector)) {
    throw new MessageCompositionError('dkim.keySelector', 'must be a DNS label of [A-Za-z0-9._-]');
  }
  try {
    const parsed = createPrivateKey(key.privateKey);
    if (parsed.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
  } catch {
    // Never echo the key itself.
    throw new MessageCompositionError('dkim.privateKey', 'must be a PEM RSA private key');
  }
  const signer = new DKIM({
    domainName: key.domainName,
    keySelector: key.keySelector,
    privateKey: key.privateKey,
  });
  const signed = await buffer(signer.sign(raw));
  // nodemailer drops the header instead of failing when signing itself fails; an unsigned message
  // must not go out as if it were signed.
  if (!signed.subarray(0, 16).toString('latin1').startsWith('DKIM-Signature:')) {
    throw new MessageCompositionError('dkim.privateKey', 'could not sign the message with this key');
  }
  return signed;
}

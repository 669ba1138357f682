import { generateKeyPairSync } from 'node:crypto';

/** An RSA key pair for DKIM. */
export interface DkimKeyPair {
  /** PKCS#8 PEM, kept by the sender. */
  privateKey: string;
  /** Base64 DER SubjectPublicKeyInfo, the `p=` value of the DKIM TXT record. */
  publicKey: string;
}

/** Generates an RSA DKIM key pair of 1024 bits (`DKIMOption` 0) or 2048 bits (`DKIMOption` 1). */
export function generateDkimKeyPair(bits: 1024 | 2048): DkimKeyPair {
  if (bits !== 1024 && bits !== 2048) throw new RangeError('DKIM keys are 1024 or 2048 bits');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey, publicKey: publicKey.toString('base64') };
}

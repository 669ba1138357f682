import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { generateDkimKeyPair } from './dkim-keys.js';

describe('generateDkimKeyPair', () => {
  test.each([1024, 2048] as const)(
    '%i bits: PEM private key and base64 DER public key that belong together',
    (bits) => {
      const { privateKey, publicKey } = generateDkimKeyPair(bits);
      expect(privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(publicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
      const pub = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
      expect(pub.asymmetricKeyDetails?.modulusLength).toBe(bits);
      expect(createPrivateKey(privateKey).asymmetricKeyType).toBe('rsa');
      const data = Buffer.from('dkim');
      expect(verify('sha256', data, pub, sign('sha256', data, privateKey))).toBe(true);
    },
  );

  test('each call makes a new key', () => {
    expect(generateDkimKeyPair(1024).publicKey).not.toBe(generateDkimKeyPair(1024).publicKey);
  });

  test('rejects other sizes', () => {
    expect(() => generateDkimKeyPair(512 as 1024)).toThrow(RangeError);
  });
});

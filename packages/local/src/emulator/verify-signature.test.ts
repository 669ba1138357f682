import * as crypto from 'node:crypto';
import { signTc3 } from '@ses-cli/sdk';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LOCAL_KEYS } from './keys.js';
import { verifySignature } from './verify-signature.js';

// Wrap (not replace) timingSafeEqual so the test can see that every comparison goes through it.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);

const NOW = 1_767_225_600;
const HOST = '127.0.0.1:4599';
const BODY = Buffer.from('{"Limit":1,"Offset":0}');

function signed(secretKey = DEFAULT_LOCAL_KEYS.secretKey) {
  return signTc3({
    secretId: DEFAULT_LOCAL_KEYS.secretId,
    secretKey,
    service: 'ses',
    timestamp: NOW,
    headers: { 'content-type': 'application/json', host: HOST },
    payload: BODY,
  });
}
const verify = (authorization: string) =>
  verifySignature(
    {
      authorization,
      timestamp: NOW,
      headers: { 'content-type': 'application/json', host: HOST },
      body: BODY,
      nowSeconds: NOW,
    },
    [DEFAULT_LOCAL_KEYS],
  );

// Braces: a hook returning the mock (a function) would have it run as a teardown.
beforeEach(() => {
  timingSafeEqual.mockClear();
});

describe('signature comparison', () => {
  it('accepts the right signature through timingSafeEqual', () => {
    expect(verify(signed().authorization)).toBeUndefined();
    expect(timingSafeEqual).toHaveBeenCalled();
  });

  it('refuses a wrong signature of the right length after a constant-time comparison, without throwing', () => {
    const { authorization, signature } = signed();
    const wrong = authorization.replace(
      signature,
      signature.replace(/^./, (c) => (c === '0' ? '1' : '0')),
    );
    expect(() => verify(wrong)).not.toThrow();
    expect(verify(wrong)).toBe('AuthFailure.SignatureFailure');
    expect(timingSafeEqual).toHaveBeenCalled();
    for (const [a, b] of timingSafeEqual.mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);
    // A signature made with another key is refused the same way.
    expect(verify(signed('another-secret-key-0000000000000').authorization)).toBe(
      'AuthFailure.SignatureFailure',
    );
  });

  it.each([
    ['too short', (s: string) => s.slice(0, 62)],
    ['too long', (s: string) => `${s}00`],
    ['odd length', (s: string) => s.slice(0, 63)],
    ['not hex', (s: string) => `${s.slice(0, 62)}zz`],
    ['upper-case hex', (s: string) => s.toUpperCase()],
  ])('refuses a signature that is %s before comparing, without throwing', (_name, mangle) => {
    const { authorization, signature } = signed();
    const bad = authorization.replace(signature, mangle(signature));
    expect(() => verify(bad)).not.toThrow();
    expect(verify(bad)).toBe('AuthFailure.InvalidAuthorization');
    // timingSafeEqual throws on unequal lengths: it must never see such a pair.
    expect(timingSafeEqual).not.toHaveBeenCalled();
  });
});

describe('signed header lookup', () => {
  /** Signs `headers` and verifies against what was `received`. */
  const verifyReceived = (
    headers: Record<string, string>,
    received: Readonly<Record<string, string | readonly string[] | undefined>>,
  ) => {
    const { authorization } = signTc3({
      secretId: DEFAULT_LOCAL_KEYS.secretId,
      secretKey: DEFAULT_LOCAL_KEYS.secretKey,
      service: 'ses',
      timestamp: NOW,
      headers,
      payload: BODY,
    });
    return verifySignature(
      { authorization, timestamp: NOW, headers: received, body: BODY, nowSeconds: NOW },
      [DEFAULT_LOCAL_KEYS],
    );
  };
  const base = { 'content-type': 'application/json', host: HOST };

  it('accepts an extra signed header that was received as a string', () => {
    expect(
      verifyReceived(
        { ...base, 'x-tc-action': 'ListEmailTemplates' },
        { ...base, 'x-tc-action': 'ListEmailTemplates' },
      ),
    ).toBeUndefined();
  });

  it.each([
    // Inherited from Object.prototype: a function, not a header.
    ['an inherited name (constructor)', { constructor: 'x' }, {}],
    // Node gives set-cookie as an array.
    ['a header received as an array (set-cookie)', { 'set-cookie': 'a=1' }, { 'set-cookie': ['a=1'] }],
    ['a signed header that was not received', { 'x-foo': '' }, {}],
  ])('refuses %s with SignatureFailure, without throwing', (_name, signedExtra, receivedExtra) => {
    const received = { ...base, ...receivedExtra };
    expect(() => verifyReceived({ ...base, ...signedExtra }, received)).not.toThrow();
    expect(verifyReceived({ ...base, ...signedExtra }, received)).toBe('AuthFailure.SignatureFailure');
  });
});

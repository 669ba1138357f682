import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tc3RequestSigner } from '../../src/http/request-signer.js';
import { SigningKeyCache } from '../../src/http/signing-key-cache.js';
import { signTc3, tc3CanonicalRequest, tc3Date, tc3SigningKey } from '../../src/http/tc3-signer.js';

const require = createRequire(import.meta.url);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// Reference §2.2: the common inputs of both published vectors, body bytes exactly as documented.
const CVM_BODY = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const CVM_HEADERS = { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' };

describe('TC3 published vector A (content-type;host)', () => {
  const input = {
    secretId: 'AKID**********************0123456789EXAMPLE',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    service: 'cvm',
    timestamp: 1551113065,
    headers: CVM_HEADERS,
    payload: CVM_BODY,
  };

  it('hashes the payload and the canonical request', () => {
    const { canonical, signedHeaders } = tc3CanonicalRequest(input);
    expect(sha256(CVM_BODY)).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(canonical).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n' +
        'content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(signedHeaders).toBe('content-type;host');
    expect(sha256(canonical)).toBe('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
  });

  it('derives the documented keys', () => {
    expect(tc3Date(1551113065)).toBe('2019-02-25');
    expect(tc3SigningKey(input.secretKey, '2019-02-25', 'cvm').toString('hex')).toBe(
      'ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1',
    );
  });

  it('produces the documented signature and Authorization header', () => {
    const signed = signTc3(input);
    expect(signed.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(signed.credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKID**********************0123456789EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });
});

describe('TC3 published vector B (content-type;host;x-tc-action, masked keys)', () => {
  const input = {
    secretId: `AKID${'*'.repeat(32)}`,
    secretKey: '*'.repeat(32),
    service: 'cvm',
    timestamp: 1551113065,
    headers: { ...CVM_HEADERS, 'X-TC-Action': 'DescribeInstances' },
    payload: CVM_BODY,
  };

  it('lower-cases the signed header value and hashes the canonical request', () => {
    const { canonical, signedHeaders } = tc3CanonicalRequest(input);
    expect(canonical.split('\n').slice(3, 6).join('\n')).toBe(
      'content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances',
    );
    expect(signedHeaders).toBe('content-type;host;x-tc-action');
    expect(sha256(canonical)).toBe('7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84');
  });

  it('derives the documented keys', () => {
    // SecretDate and SecretService are the intermediate HMACs; recompute them the documented way.
    const secretDate = createHmac('sha256', `TC3${input.secretKey}`).update('2019-02-25').digest();
    const secretService = createHmac('sha256', secretDate).update('cvm').digest();
    expect(secretDate.toString('hex')).toBe(
      'da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0',
    );
    expect(secretService.toString('hex')).toBe(
      '8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f',
    );
    expect(tc3SigningKey(input.secretKey, '2019-02-25', 'cvm').toString('hex')).toBe(
      'b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af',
    );
  });

  it('produces the documented signature and Authorization header', () => {
    const signed = signTc3(input);
    expect(signed.authorization).toBe(
      `TC3-HMAC-SHA256 Credential=AKID${'*'.repeat(32)}/2019-02-25/cvm/tc3_request, ` +
        'SignedHeaders=content-type;host;x-tc-action, Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f',
    );
  });
});

describe('TC3 vector A intermediate keys', () => {
  it('matches SecretDate and SecretService', () => {
    const secretDate = createHmac('sha256', 'TC3Gu5t9xGARNpq86cd98joQYCN3EXAMPLE')
      .update('2019-02-25')
      .digest();
    const secretService = createHmac('sha256', secretDate).update('cvm').digest();
    expect(secretDate.toString('hex')).toBe(
      'd1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a',
    );
    expect(secretService.toString('hex')).toBe(
      '3c7cb7c7795393edc14fd2e0e6434a518564b4504b88e94f5d11bf59ba3e7050',
    );
  });
});

describe('SES vectors (reference §2.3)', () => {
  const common = {
    secretId: 'AKIDEXAMPLE',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    service: 'ses',
    timestamp: 1700000000,
  };

  it('C: ListEmailAddress with an empty object body', () => {
    expect(sha256('{}')).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    const signed = signTc3({
      ...common,
      headers: { 'content-type': 'application/json', host: 'ses.tencentcloudapi.com' },
      payload: '{}',
    });
    expect(signed.signature).toBe('7ca2075afdf7790b38f79b8142577ea6a04871753ee3216772133b718397dc28');
    expect(signed.credentialScope).toBe('2023-11-14/ses/tc3_request');
  });

  it('D: SendEmail with a template', () => {
    const body =
      '{"FromEmailAddress":"noreply@mail.example.com","Destination":["user@example.com"],"Subject":"Hello",' +
      '"Template":{"TemplateID":100,"TemplateData":"{\\"code\\":\\"123456\\"}"}}';
    expect(sha256(body)).toBe('031dd88e97d830758490f981f682b36dd898d49211ed73762e80625a81257aa6');
    const signed = signTc3({
      ...common,
      headers: { 'content-type': 'application/json; charset=utf-8', host: 'ses.tencentcloudapi.com' },
      payload: Buffer.from(body),
    });
    expect(signed.signature).toBe('c198cab56f02e5d70343ed2e9a83b3e3942ce04b670ce7d09737411982d613d3');
  });
});

interface OfficialSign {
  sign3(input: {
    method: string;
    url: string;
    payload: Buffer;
    timestamp: number;
    service: string;
    secretId: string;
    secretKey: string;
    multipart: boolean;
    boundary: string;
    headers: Record<string, string>;
  }): string;
}

describe('agreement with the official Node SDK signer', () => {
  const official = (
    require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js') as { default: OfficialSign }
  ).default;
  // Labels start with a letter: a numeric last label would make WHATWG URL parse the host as IPv4.
  // No `xn--` labels either: WHATWG URL decodes punycode, so the official signer would see another host.
  const label = fc
    .stringMatching(/^[a-z]([a-z0-9-]{0,14}[a-z0-9])?$/)
    .filter((candidate) => !/^..--/.test(candidate));

  it('signs 1,000 random requests identically', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }),
        fc.array(label, { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 0, max: 4_102_444_800 }),
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'),
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.json()),
        (secretId, secretKey, labels, timestamp, contentType, body) => {
          const host = labels.join('.');
          const service = labels[0] ?? 'ses';
          const payload = Buffer.from(body, 'utf8');
          const theirs = official.sign3({
            method: 'POST',
            url: `https://${host}/`,
            payload,
            timestamp,
            service,
            secretId,
            secretKey,
            multipart: false,
            boundary: '',
            headers: { 'Content-Type': contentType },
          });
          const ours = signTc3({
            secretId,
            secretKey,
            service,
            timestamp,
            headers: { 'content-type': contentType, host },
            payload,
          });
          expect(ours.authorization).toBe(theirs);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('SigningKeyCache', () => {
  it('returns the derived key and derives a new one when the UTC day, key or service changes', () => {
    const cache = new SigningKeyCache();
    const first = cache.get('k1', 1700000000, 'ses');
    expect(first.equals(tc3SigningKey('k1', '2023-11-14', 'ses'))).toBe(true);
    expect(cache.get('k1', 1700000100, 'ses')).toBe(first);
    const nextDay = cache.get('k1', 1700000000 + 86_400, 'ses');
    expect(nextDay.equals(tc3SigningKey('k1', '2023-11-15', 'ses'))).toBe(true);
    expect(cache.get('k2', 1700086400, 'ses').equals(tc3SigningKey('k2', '2023-11-15', 'ses'))).toBe(true);
    expect(cache.get('k2', 1700086400, 'cvm').equals(tc3SigningKey('k2', '2023-11-15', 'cvm'))).toBe(true);
  });
});

describe('Tc3RequestSigner (the hot path)', () => {
  it('reproduces SES vector C', () => {
    const signer = new Tc3RequestSigner('ses.tencentcloudapi.com', 'application/json', 'ses');
    const key = tc3SigningKey('Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', '2023-11-14', 'ses');
    expect(signer.authorization('AKIDEXAMPLE', key, 1700000000, '{}')).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/ses/tc3_request, SignedHeaders=content-type;host, ' +
        'Signature=7ca2075afdf7790b38f79b8142577ea6a04871753ee3216772133b718397dc28',
    );
  });

  it('agrees with signTc3 on 1,000 random requests, across day boundaries', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }),
        fc.constantFrom('ses.tencentcloudapi.com', '127.0.0.1:4599', 'SES.intl.TencentCloudAPI.com'),
        fc.array(fc.integer({ min: 0, max: 4_102_444_800 }), { minLength: 1, maxLength: 3 }),
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        (secretId, secretKey, host, timestamps, body) => {
          const signer = new Tc3RequestSigner(host, 'application/json', 'ses');
          for (const timestamp of timestamps) {
            const key = tc3SigningKey(secretKey, tc3Date(timestamp), 'ses');
            const expected = signTc3({
              secretId,
              secretKey,
              service: 'ses',
              timestamp,
              headers: { 'content-type': 'application/json', host },
              payload: body,
            });
            expect(signer.authorization(secretId, key, timestamp, body)).toBe(expected.authorization);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOCAL_KEYS, type RunningEmulator, startEmulator } from '@ses-cli/local';
import { signTc3 } from '@ses-cli/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './raw-request.js';
import { signedCall } from './signed-fetch.js';

const key = DEFAULT_LOCAL_KEYS;
let emulator: RunningEmulator;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ses-emulator-'));
  emulator = await startEmulator({ port: 0, dataDir, rateLimits: false, schedulerIntervalMs: 0 });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = (action: string, body: string, options?: Parameters<typeof signedCall>[4]) =>
  signedCall(emulator.url, action, body, key, options);

describe('emulator protocol', () => {
  it('answers a signed request inside the Response envelope with a fresh RequestId', async () => {
    const first = await call('ListEmailTemplates', '{"Limit":10,"Offset":0}');
    const second = await call('ListEmailTemplates', '{"Limit":10,"Offset":0}');
    expect(first.status).toBe(200);
    expect(first.envelope.Response.Error).toBeUndefined();
    expect(first.envelope.Response.TotalCount).toBe(0);
    expect(first.envelope.Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.envelope.Response.RequestId).not.toBe(first.envelope.Response.RequestId);
  });

  it.each([
    ['an unknown SecretId', { secretId: 'AKIDnobody' }, 'AuthFailure.SecretIdNotFound'],
    ['a wrong SecretKey', { secretKey: 'not-the-key' }, 'AuthFailure.SignatureFailure'],
    ['a tampered body', { sentBody: '{"Limit":99,"Offset":0}' }, 'AuthFailure.SignatureFailure'],
    [
      'a timestamp 6 minutes old',
      { timestamp: Math.floor(Date.now() / 1000) - 360 },
      'AuthFailure.SignatureExpire',
    ],
    [
      'a malformed Authorization',
      { headers: { authorization: 'Bearer x' } },
      'AuthFailure.InvalidAuthorization',
    ],
    ['no Authorization', { headers: { authorization: undefined } }, 'AuthFailure.InvalidAuthorization'],
    ['no X-TC-Action', { headers: { 'x-tc-action': undefined } }, 'MissingParameter'],
    ['no X-TC-Timestamp', { headers: { 'x-tc-timestamp': undefined } }, 'MissingParameter'],
    ['no X-TC-Region', { headers: { 'x-tc-region': undefined } }, 'MissingParameter'],
    ['another API version', { headers: { 'x-tc-version': '2019-01-01' } }, 'NoSuchVersion'],
    ['an unsupported region', { headers: { 'x-tc-region': 'eu-frankfurt' } }, 'UnsupportedRegion'],
  ])('refuses %s with %s, inside HTTP 200', async (_name, options, code) => {
    const { status, envelope } = await call('ListEmailTemplates', '{"Limit":10,"Offset":0}', options);
    expect(status).toBe(200);
    expect(envelope.Response.Error?.Code).toBe(code);
    expect(envelope.Response.RequestId).toBeTruthy();
  });

  it('refuses a non-integer X-TC-Timestamp with InvalidParameter', async () => {
    const { envelope } = await call('ListEmailTemplates', '{"Limit":10,"Offset":0}', {
      headers: { 'x-tc-timestamp': 'yesterday' },
    });
    expect(envelope.Response.Error?.Code).toBe('InvalidParameter');
  });

  it('sends a browser opening the address to the dashboard', async () => {
    const response = await fetch(`${emulator.url}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/ui');
  });

  it('serves the dashboard at /ui', async () => {
    const response = await fetch(`${emulator.url}/ui`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers a GET API call with UnsupportedProtocol inside HTTP 200', async () => {
    const response = await fetch(`${emulator.url}/`, { headers: { 'x-tc-action': 'ListEmailTemplates' } });
    expect(response.status).toBe(200);
    const envelope = (await response.json()) as { Response: { Error?: { Code: string }; RequestId: string } };
    expect(envelope.Response.Error?.Code).toBe('UnsupportedProtocol');
    expect(envelope.Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['set-cookie (an array in Node)', { 'set-cookie': 'a=1' }, { 'set-cookie': 'a=1' }],
    ['constructor (inherited, never received)', { constructor: 'x' }, {}],
  ])(
    'refuses a request that signs %s with the SignatureFailure envelope, not a 500',
    async (_name, signedExtra, sentExtra) => {
      const body = '{}';
      const host = new URL(emulator.url).host;
      const timestamp = Math.floor(Date.now() / 1000);
      const { authorization } = signTc3({
        ...key,
        service: 'ses',
        timestamp,
        headers: { 'content-type': 'application/json', host, ...signedExtra },
        payload: body,
      });
      const answer = await rawRequest(emulator.url, '/', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization,
          'x-tc-action': 'ListEmailIdentities',
          'x-tc-version': '2020-10-02',
          'x-tc-region': 'ap-guangzhou',
          'x-tc-timestamp': String(timestamp),
          ...sentExtra,
        },
        body,
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).Response.Error.Code).toBe('AuthFailure.SignatureFailure');
    },
  );

  it('refuses an unknown action with InvalidAction', async () => {
    const { envelope } = await call('DescribeInstances', '{}');
    expect(envelope.Response.Error?.Code).toBe('InvalidAction');
  });

  it('refuses malformed JSON and a non-object body with InvalidParameter', async () => {
    expect((await call('ListEmailTemplates', '{"Limit":10,')).envelope.Response.Error?.Code).toBe(
      'InvalidParameter',
    );
    expect((await call('ListEmailTemplates', '[1,2]')).envelope.Response.Error?.Code).toBe(
      'InvalidParameter',
    );
  });

  it.each([
    ['no body', ''],
    ['a JSON null', 'null'],
    ['an empty object', '{}'],
  ])('answers ListEmailAddress sent with %s', async (_name, body) => {
    const { envelope } = await call('ListEmailAddress', body);
    expect(envelope.Response.Error).toBeUndefined();
    expect(envelope.Response.EmailSenders).toEqual([]);
  });

  it('refuses a body over 8 MB with RequestSizeLimitExceeded and keeps serving', async () => {
    const huge = JSON.stringify({ Limit: 10, Offset: 0, Pad: 'x'.repeat(8 * 1024 * 1024) });
    expect((await call('ListEmailTemplates', huge)).envelope.Response.Error?.Code).toBe(
      'RequestSizeLimitExceeded',
    );
    const after = await call('ListEmailTemplates', '{"Limit":10,"Offset":0}');
    expect(after.envelope.Response.Error).toBeUndefined();
  });

  it('maps engine validation to the service codes', async () => {
    const missing = await call('GetEmailTemplate', '{}');
    expect(missing.envelope.Response.Error?.Code).toBe('MissingParameter');
    const unknown = await call('ListEmailTemplates', '{"Limit":10,"Offset":0,"Colour":"red"}');
    expect(unknown.envelope.Response.Error?.Code).toBe('UnknownParameter');
  });

  it('accepts deep JSON nesting without falling over', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const { envelope } = await call('ListEmailTemplates', `{"Limit":10,"Offset":0,"X":${deep}}`);
    expect(envelope.Response.Error?.Code).toBe('UnknownParameter');
  });

  it('answers health on the inspection API', async () => {
    const response = await fetch(`${emulator.url}/_emulator/health`);
    expect(await response.json()).toMatchObject({ status: 'ok', backend: 'local' });
  });
});

describe('emulator rate limits', () => {
  it('answers RequestLimitExceeded past 20 requests per second for one action', async () => {
    const frozen = Date.now();
    const dir = mkdtempSync(join(tmpdir(), 'ses-emulator-rate-'));
    const limited = await startEmulator({ port: 0, dataDir: dir, now: () => frozen, schedulerIntervalMs: 0 });
    try {
      const timestamp = Math.floor(frozen / 1000);
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 25; i++) {
        const { envelope } = await signedCall(
          limited.url,
          'ListEmailTemplates',
          '{"Limit":1,"Offset":0}',
          key,
          {
            timestamp,
          },
        );
        codes.push(envelope.Response.Error?.Code);
      }
      expect(codes.slice(0, 20).every((code) => code === undefined)).toBe(true);
      expect(codes.slice(20)).toEqual(Array(5).fill('RequestLimitExceeded'));
      // Another action has its own budget, and ListEmailAddress a larger one (35/s).
      const listCodes: (string | undefined)[] = [];
      for (let i = 0; i < 36; i++) {
        const { envelope } = await signedCall(limited.url, 'ListEmailAddress', '{}', key, { timestamp });
        listCodes.push(envelope.Response.Error?.Code);
      }
      expect(listCodes.slice(0, 35).every((code) => code === undefined)).toBe(true);
      expect(listCodes[35]).toBe('RequestLimitExceeded');
    } finally {
      await limited.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

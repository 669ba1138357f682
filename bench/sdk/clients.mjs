// The three clients under test, each exposing `send()` (one SendEmail) and `close()`.
import { createHmac, hash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const sdkRequire = createRequire(new URL('../../packages/sdk/package.json', import.meta.url));
/** The SDK build under test; `SDK_DIST=/path/to/dist/index.js` compares another build of it. */
const SDK_DIST = process.env.SDK_DIST ?? new URL('../../packages/sdk/dist/index.js', import.meta.url).href;

export const CREDENTIALS = {
  secretId: 'AKIDbenchmark0000000000000000000000',
  secretKey: 'bench-secret-key-0000000000000000',
};
export const PAYLOAD = {
  FromEmailAddress: 'Bench <noreply@mail.example.com>',
  Destination: ['user@example.com'],
  Subject: 'Your code',
  Template: { TemplateID: 100, TemplateData: '{"code":"123456"}' },
};

/** (a) Our SDK: SesClient + HttpBackend from the built dist, with validation and retries as shipped. */
async function ours(origin) {
  const { SesClient, HttpBackend } = await import(SDK_DIST);
  const client = new SesClient({
    backend: new HttpBackend({ endpoint: origin, credentials: CREDENTIALS }),
    region: 'ap-guangzhou',
    env: {},
  });
  return { send: () => client.invoke('SendEmail', PAYLOAD), close: () => client.close() };
}

/** (a′) Our HttpBackend alone: signing, transport and envelope, without the client's validation,
 * retry loop and per-attempt timeout signal. Shows which layer costs what. */
async function backend(origin) {
  const { HttpBackend } = await import(SDK_DIST);
  const http = new HttpBackend({ endpoint: origin, credentials: CREDENTIALS });
  const request = { action: 'SendEmail', payload: PAYLOAD, region: 'ap-guangzhou', attempt: 0 };
  return { send: () => http.invoke(request), close: () => http.close() };
}

/** (b) The official tencentcloud-sdk-nodejs-ses client with its default HTTP profile. */
async function official(origin) {
  const { ses } = require('tencentcloud-sdk-nodejs-ses');
  const url = new URL(origin);
  const client = new ses.v20201002.Client({
    credential: CREDENTIALS,
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: url.host, protocol: `${url.protocol}//` } },
  });
  return { send: () => client.SendEmail(PAYLOAD), close: async () => {} };
}

/**
 * (c) The floor: what a careful hand-written client costs. An undici Pool (64 connections, no
 * pipelining) driven through `dispatch()` with a minimal handler (no response stream), one-shot
 * `crypto.hash` SHA-256s and the signing key cached per day; the body is read as one string and
 * parsed. Nothing the SDK adds on top: no validation, no retries, no timeouts, no error mapping.
 */
async function bare(origin) {
  const { Pool } = sdkRequire('undici');
  const pool = new Pool(origin, { connections: 64, pipelining: 1 });
  const host = new URL(origin).host;
  const sha256Hex = (data) => hash('sha256', data, 'hex');
  let keyDay = -1;
  let key;
  let scope;
  const send = () => {
    const body = JSON.stringify(PAYLOAD);
    const timestamp = Math.floor(Date.now() / 1000);
    const day = Math.floor(timestamp / 86400);
    if (day !== keyDay) {
      const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
      const kDate = createHmac('sha256', `TC3${CREDENTIALS.secretKey}`).update(date).digest();
      const kService = createHmac('sha256', kDate).update('ses').digest();
      key = createHmac('sha256', kService).update('tc3_request').digest();
      scope = `${date}/ses/tc3_request`;
      keyDay = day;
    }
    const canonical = `POST\n/\n\ncontent-type:application/json\nhost:${host}\n\ncontent-type;host\n${sha256Hex(body)}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256Hex(canonical)}`;
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    const headers = {
      'content-type': 'application/json',
      host,
      'x-tc-action': 'SendEmail',
      'x-tc-version': '2020-10-02',
      'x-tc-region': 'ap-guangzhou',
      'x-tc-timestamp': String(timestamp),
      authorization: `TC3-HMAC-SHA256 Credential=${CREDENTIALS.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
    };
    return new Promise((resolve, reject) => {
      const chunks = [];
      pool.dispatch(
        { origin, path: '/', method: 'POST', headers, body },
        {
          onRequestStart() {},
          onResponseStart() {},
          onResponseData(_controller, chunk) {
            chunks.push(chunk);
          },
          onResponseEnd() {
            const { Response } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            if (Response.Error) reject(new Error(Response.Error.Code));
            else resolve(Response);
          },
          onResponseError(_controller, error) {
            reject(error);
          },
        },
      );
    });
  };
  return { send, close: () => pool.close() };
}

export const CLIENTS = { ours, backend, official, bare };

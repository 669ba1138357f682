import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SesClient } from '../../src/client.js';
import { HttpBackend } from '../../src/http/http-backend.js';
import { samplePayloads } from './sample-payloads.js';
import { type Reply, startTc3Server, TEST_CREDENTIALS } from './tc3-server.js';

const TOKEN = 'sts-session-token-never-printed';
const SECRETS = [TEST_CREDENTIALS.secretKey, TOKEN, 'TC3-HMAC-SHA256', 'Signature='];

function expectNoSecrets(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

async function failWith(reply: Reply | 'refused' | 'timeout' | 'missing-credentials') {
  const server = await startTc3Server(() => (reply === 'timeout' ? { hang: true } : (reply as Reply)));
  if (reply === 'refused') await server.close();
  const lines: string[] = [];
  const client = new SesClient({
    backend: new HttpBackend({
      endpoint: server.url,
      credentials: reply === 'missing-credentials' ? undefined : { ...TEST_CREDENTIALS, token: TOKEN },
      env: { HOME: '/nonexistent-home-for-tests' },
    }),
    region: 'ap-guangzhou',
    env: {},
    maxRetries: 0,
    timeout: 150,
    logger: (line) => lines.push(line),
  });
  try {
    const error = await client.invoke('SendEmail', samplePayloads.SendEmail).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    return { error: error as Error, lines };
  } finally {
    await client.close();
    if (reply !== 'refused') await server.close();
  }
}

describe('secrets never leak into errors or logs', () => {
  const cases: Array<[string, Parameters<typeof failWith>[0]]> = [
    [
      'API error',
      { json: { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad' } } } },
    ],
    ['dropped connection', { destroy: true }],
    ['malformed body', { raw: '{"Resp' }],
    ['HTTP 503', { status: 503, raw: 'unavailable' }],
    ['connection refused', 'refused'],
    ['timeout', 'timeout'],
    ['missing credentials', 'missing-credentials'],
  ];

  it.each(cases)('%s', async (_name, reply) => {
    const { error, lines } = await failWith(reply);
    expectNoSecrets(error.message);
    expectNoSecrets(String(error));
    expectNoSecrets(inspect(error, { depth: 20, showHidden: true }));
    expectNoSecrets(JSON.stringify(error));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expectNoSecrets(line);
  });

  it('does not expose credentials when the backend itself is inspected', () => {
    const backend = new HttpBackend({ credentials: { ...TEST_CREDENTIALS, token: TOKEN } });
    expectNoSecrets(inspect(backend, { depth: 20, showHidden: true }));
  });
});

import { createServer } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SesClient, type SesClientOptions } from '../../src/client.js';
import {
  AbortError,
  ApiError,
  AuthError,
  ConnectionError,
  InternalServerError,
  InvalidParameterError,
  NotFoundError,
  OperationFailedError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  TimeoutError,
} from '../../src/core/errors.js';
import { HttpBackend, type HttpBackendOptions } from '../../src/http/http-backend.js';
import { samplePayloads } from './sample-payloads.js';
import {
  type Reply,
  type SeenRequest,
  startTc3Server,
  TEST_CREDENTIALS,
  type TestServer,
} from './tc3-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  handle: (seen: SeenRequest, index: number) => Reply | undefined,
  options: { client?: SesClientOptions; backend?: HttpBackendOptions; serverNow?: () => number } = {},
) {
  const server = await startTc3Server(handle, options.serverNow);
  const backend = new HttpBackend({
    endpoint: server.url,
    credentials: TEST_CREDENTIALS,
    ...options.backend,
  });
  const client = new SesClient({ backend, region: 'ap-guangzhou', env: {}, ...options.client });
  cleanups.push(
    () => server.close(),
    () => client.close(),
  );
  return { server, backend, client };
}

const apiError = (code: string): Reply => ({
  json: { Response: { Error: { Code: code, Message: `${code} happened` }, RequestId: 'err-1' } },
});
const ok = (fields: Record<string, unknown> = {}): Reply => ({
  json: { Response: { ...fields, RequestId: 'ok-1' } },
});

const send = (client: SesClient, options?: Parameters<SesClient['invoke']>[2]) =>
  client.invoke('SendEmail', samplePayloads.SendEmail, options);
const listTemplates = (client: SesClient) =>
  client.invoke('ListEmailTemplates', samplePayloads.ListEmailTemplates);

describe('retries', () => {
  it('retries RequestLimitExceeded with backoff until the budget is spent', async () => {
    const { server, client } = await setup(() => apiError('RequestLimitExceeded'), {
      client: { maxRetries: 2 },
    });
    await expect(listTemplates(client)).rejects.toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(3);
  });

  it('retries SendEmail after RequestLimitExceeded (nothing was accepted) and returns the MessageId', async () => {
    const { server, client } = await setup((_seen, index) =>
      index === 0 ? apiError('RequestLimitExceeded.UinLimitExceeded') : ok({ MessageId: 'msg-1' }),
    );
    await expect(send(client)).resolves.toMatchObject({ MessageId: 'msg-1', RequestId: 'ok-1' });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry SendEmail after the connection dropped once the request was read', async () => {
    const { server, client } = await setup(() => ({ destroy: true }));
    const error = await send(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveBeenSent).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('retries an idempotent action after a dropped connection', async () => {
    const { server, client } = await setup((_seen, index) =>
      index === 0 ? { destroy: true } : ok({ TotalCount: 0 }),
    );
    await expect(listTemplates(client)).resolves.toMatchObject({ TotalCount: 0 });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry SendEmail after a timeout', async () => {
    const { server, client } = await setup(() => ({ hang: true }), { client: { timeout: 150 } });
    const error = await send(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry SendEmail after InternalError, but does retry a read', async () => {
    const failing = await setup(() => apiError('InternalError'), { client: { maxRetries: 1 } });
    await expect(send(failing.client)).rejects.toBeInstanceOf(InternalServerError);
    expect(failing.server.requests).toHaveLength(1);
    await expect(listTemplates(failing.client)).rejects.toBeInstanceOf(InternalServerError);
    expect(failing.server.requests).toHaveLength(3);
  });

  it('retries SendEmail when the connection was refused, and the retry is delivered', async () => {
    const port = await freePort();
    let server: TestServer | undefined;
    const lines: string[] = [];
    const backend = new HttpBackend({ endpoint: `http://127.0.0.1:${port}`, credentials: TEST_CREDENTIALS });
    const client = new SesClient({
      backend,
      region: 'ap-guangzhou',
      env: {},
      // The server comes up during the backoff after the first, refused attempt.
      logger: (line) => {
        lines.push(line);
        if (line.includes('attempt=0')) void startOn(port).then((s) => (server = s));
      },
    });
    cleanups.push(async () => {
      await client.close();
      await server?.close();
    });
    await expect(send(client)).resolves.toMatchObject({ RequestId: 'ok-1' });
    expect(lines[0]).toMatch(/SendEmail attempt=0 ConnectionError/);
    expect(lines[1]).toMatch(/SendEmail attempt=1 ok ok-1/);
    expect(server?.requests).toHaveLength(1);
  });
});

describe('clock skew', () => {
  it('re-signs with the server clock after AuthFailure.SignatureExpire', async () => {
    const serverOffset = 2 * 3600_000;
    const { server, client, backend } = await setup(() => ok({ MessageId: 'late-but-fine' }), {
      serverNow: () => Date.now() + serverOffset,
    });
    await expect(send(client)).resolves.toMatchObject({ MessageId: 'late-but-fine' });
    expect(server.requests.map((r) => r.authError)).toEqual(['AuthFailure.SignatureExpire', null]);
    const [first, second] = server.requests.map((r) => r.timestamp * 1000);
    expect(Math.abs((first ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(Math.abs((second ?? 0) - (Date.now() + serverOffset))).toBeLessThan(60_000);
    expect(Math.abs(backend.clockSkew - serverOffset)).toBeLessThan(5_000);
    // Later calls sign with the corrected clock straight away.
    await send(client);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2]?.authError).toBeNull();
  });

  it('re-signs once even when the client allows no retries', async () => {
    const { server, client } = await setup(() => ok({ MessageId: 'resigned' }), {
      serverNow: () => Date.now() + 2 * 3600_000,
      client: { maxRetries: 0 },
    });
    await expect(send(client)).resolves.toMatchObject({ MessageId: 'resigned' });
    expect(server.requests.map((r) => r.authError)).toEqual(['AuthFailure.SignatureExpire', null]);
  });

  it('corrects a wrong local clock (injected) the same way', async () => {
    const { server, client } = await setup(() => ok(), { backend: { now: () => Date.now() - 3600_000 } });
    await listTemplates(client);
    expect(server.requests.map((r) => r.authError)).toEqual(['AuthFailure.SignatureExpire', null]);
  });
});

describe('error mapping', () => {
  const families: Array<[string, new (...args: never[]) => ApiError]> = [
    ['AuthFailure.SignatureFailure', AuthError],
    ['AuthFailure.UnauthorizedOperation', PermissionDeniedError],
    ['UnauthorizedOperation', PermissionDeniedError],
    ['InvalidParameterValue.IllegalEmailAddress', InvalidParameterError],
    ['MissingParameter', InvalidParameterError],
    ['ResourceNotFound', NotFoundError],
    ['InvalidParameterValue.TemplateNotExist', NotFoundError],
    ['RequestLimitExceeded', RateLimitError],
    ['LimitExceeded.ExceedReceiverLimit', QuotaExceededError],
    ['FailedOperation.ExceedSendLimit', QuotaExceededError],
    ['FailedOperation.FrequencyLimit', OperationFailedError],
    ['OperationDenied.TemplateStatusError', OperationFailedError],
    ['InternalError', InternalServerError],
    ['ServiceUnavailable', InternalServerError],
    ['SomethingNew', ApiError],
  ];

  it.each(families)('%s → %s', async (code, ErrorClass) => {
    const { client } = await setup(() => apiError(code), { client: { maxRetries: 0 } });
    const error = await send(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ code, requestId: 'err-1', action: 'SendEmail', httpStatus: 200 });
    expect((error as Error).message).toBe(`SendEmail: ${code}: ${code} happened (request err-1)`);
  });

  it('maps a 5xx without an envelope to InternalServerError with code InternalError', async () => {
    const { client } = await setup(() => ({ status: 502, raw: '<html>Bad Gateway</html>' }), {
      client: { maxRetries: 0 },
    });
    const error = await listTemplates(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ code: 'InternalError', httpStatus: 502 });
  });

  it('maps a 429 without an envelope to RateLimitError', async () => {
    const { client } = await setup(() => ({ status: 429, raw: 'slow down' }), { client: { maxRetries: 0 } });
    await expect(send(client)).rejects.toMatchObject({ code: 'RequestLimitExceeded', httpStatus: 429 });
  });

  it('keeps the envelope error code even on a non-200 status', async () => {
    const { client } = await setup(() => ({ ...apiError('InvalidParameter'), status: 400 }), {
      client: { maxRetries: 0 },
    });
    await expect(send(client)).rejects.toMatchObject({ code: 'InvalidParameter', httpStatus: 400 });
  });

  it('treats a truncated JSON body as a ConnectionError that may have been sent', async () => {
    const { server, client } = await setup(() => ({ raw: '{"Response":{"MessageId":"m' }));
    const error = await send(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveBeenSent: true });
    expect((error as Error).message).toMatch(/not valid JSON/);
    expect(server.requests).toHaveLength(1);
  });

  it('treats a JSON body without Response as malformed', async () => {
    const { client } = await setup(() => ({ json: { Something: 'else' } }), { client: { maxRetries: 0 } });
    await expect(listTemplates(client)).rejects.toThrow(/no "Response" object/);
  });

  it('reports connection refused as never sent', async () => {
    const port = await freePort();
    const client = new SesClient({
      backend: new HttpBackend({ endpoint: `http://127.0.0.1:${port}`, credentials: TEST_CREDENTIALS }),
      region: 'ap-guangzhou',
      env: {},
      maxRetries: 0,
    });
    cleanups.push(() => client.close());
    const error = await send(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveBeenSent: false });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});

describe('timeouts and aborts', () => {
  it('turns the client timeout into TimeoutError', async () => {
    const { client } = await setup(() => ({ hang: true }), { client: { timeout: 100, maxRetries: 0 } });
    await expect(listTemplates(client)).rejects.toBeInstanceOf(TimeoutError);
  });

  it('turns the caller signal into AbortError', async () => {
    const { server, client } = await setup(() => ({ hang: true }));
    const controller = new AbortController();
    const pending = send(client, { signal: controller.signal });
    await waitFor(() => server.requests.length === 1);
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { server, backend } = await setup(() => ok());
    const signal = AbortSignal.abort();
    await expect(
      backend.invoke({ action: 'ListEmailAddress', payload: {}, region: 'ap-guangzhou', signal, attempt: 0 }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('request shape', () => {
  it('sends the session token and signs the Host header it sends', async () => {
    const { server, backend } = await setup(() => ok(), {
      backend: { credentials: { ...TEST_CREDENTIALS, token: 'sts-token-value' } },
    });
    const response = await backend.invoke({
      action: 'ListEmailAddress',
      payload: {},
      region: 'ap-singapore',
      attempt: 0,
    });
    expect(response).toEqual({ payload: {}, requestId: 'ok-1' });
    const seen = server.requests[0];
    expect(seen?.authError).toBeNull();
    expect(seen?.headers['x-tc-token']).toBe('sts-token-value');
    expect(seen?.headers.host).toBe(new URL(server.url).host);
    expect(seen?.headers.authorization).toMatch(
      /Credential=AKIDtestSecretId0001\/\d{4}-\d{2}-\d{2}\/ses\/tc3_request/,
    );
  });

  it('sends through a caller-supplied dispatcher and leaves it open on close', async () => {
    const agent = new Agent({ connections: 2 });
    const { server, client } = await setup(() => ok({ MessageId: 'via-agent' }), {
      backend: { dispatcher: agent },
    });
    await expect(send(client)).resolves.toMatchObject({ MessageId: 'via-agent' });
    await client.close();
    expect(agent.closed).toBe(false);
    await expect(send(client)).resolves.toMatchObject({ MessageId: 'via-agent' });
    expect(server.requests).toHaveLength(2);
    await agent.close();
  });

  it('asks a credentials provider on every request', async () => {
    let calls = 0;
    const { server, client } = await setup(() => ok(), {
      backend: {
        credentials: async () => {
          calls++;
          return TEST_CREDENTIALS;
        },
      },
    });
    await listTemplates(client);
    await listTemplates(client);
    expect(calls).toBe(2);
    expect(server.requests.every((r) => r.authError === null)).toBe(true);
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function startOn(port: number): Promise<TestServer> {
  return startTc3Server(() => ok(), Date.now, port);
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

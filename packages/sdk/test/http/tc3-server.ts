import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signTc3 } from '../../src/http/tc3-signer.js';

/** Key pairs the test server accepts. */
export const TEST_KEYS: Readonly<Record<string, string>> = {
  AKIDtestSecretId0001: 'test-secret-key-never-printed-0001',
};
export const TEST_CREDENTIALS = {
  secretId: 'AKIDtestSecretId0001',
  secretKey: 'test-secret-key-never-printed-0001',
};

/** One request as the server saw it, after checking its signature. */
export interface SeenRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly action: string;
  readonly timestamp: number;
  /** Null when the signature and headers check out, else the Tencent error code to answer. */
  readonly authError: string | null;
}

/** What the handler wants done: answer a JSON body, or drop the socket. */
export type Reply =
  | { readonly status?: number; readonly json?: unknown; readonly raw?: string; readonly date?: Date }
  | { readonly destroy: true }
  | { readonly hang: true };

export interface TestServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A real `node:http` server on 127.0.0.1 that checks requests the way Tencent Cloud does: POST /,
 * the API 3.0 headers, a TC3 signature over exactly what was sent, and a 5-minute clock window
 * measured against `serverNow()`. Errors are answered inside HTTP 200 like the real service.
 */
export async function startTc3Server(
  handle: (request: SeenRequest, index: number) => Reply | undefined = () => undefined,
  serverNow: () => number = Date.now,
  port = 0,
): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const seen = inspect(req.method ?? '', req.url ?? '', req.headers, body, serverNow());
      const index = requests.push(seen) - 1;
      const reply = handle(seen, index);
      answer(res, seen, reply, index, serverNow());
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(
  res: ServerResponse,
  seen: SeenRequest,
  reply: Reply | undefined,
  index: number,
  now: number,
) {
  if (reply && 'destroy' in reply) {
    res.socket?.destroy();
    return;
  }
  if (reply && 'hang' in reply) return;
  const requestId = `req-${index + 1}`;
  let status = 200;
  let text: string;
  let date = new Date(now);
  if (seen.authError) {
    text = JSON.stringify({
      Response: { Error: { Code: seen.authError, Message: 'rejected' }, RequestId: requestId },
    });
  } else {
    status = reply?.status ?? 200;
    date = reply?.date ?? date;
    text = reply?.raw ?? JSON.stringify(reply?.json ?? { Response: { RequestId: requestId } });
  }
  res.writeHead(status, { 'content-type': 'application/json', date: date.toUTCString() });
  res.end(text);
}

const AUTH =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

function inspect(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: string,
  now: number,
): SeenRequest {
  const action = String(headers['x-tc-action'] ?? '');
  const timestamp = Number(headers['x-tc-timestamp']);
  const base = { headers, body, action, timestamp };
  if (method !== 'POST' || url !== '/') return { ...base, authError: 'UnsupportedProtocol' };
  if (headers['content-type'] !== 'application/json') return { ...base, authError: 'InvalidParameter' };
  if (headers['x-tc-version'] !== '2020-10-02' || !headers['x-tc-region']) {
    return { ...base, authError: 'MissingParameter' };
  }
  const match = AUTH.exec(String(headers.authorization ?? ''));
  if (!match) return { ...base, authError: 'AuthFailure.InvalidAuthorization' };
  const [, secretId = '', , service = '', signedHeaders = '', signature] = match;
  const secretKey = TEST_KEYS[secretId];
  if (!secretKey) return { ...base, authError: 'AuthFailure.SecretIdNotFound' };
  if (!Number.isInteger(timestamp) || Math.abs(timestamp * 1000 - now) > 300_000) {
    return { ...base, authError: 'AuthFailure.SignatureExpire' };
  }
  const signed: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) signed[name] = String(headers[name] ?? '');
  const expected = signTc3({ secretId, secretKey, service, timestamp, headers: signed, payload: body });
  if (expected.signature !== signature || !signedHeaders.includes('host')) {
    return { ...base, authError: 'AuthFailure.SignatureFailure' };
  }
  return { ...base, authError: null };
}

import { createHash, createHmac } from 'node:crypto';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

/** What a TC3-HMAC-SHA256 signature covers. */
export interface Tc3SignInput {
  readonly secretId: string;
  readonly secretKey: string;
  /** Credential-scope service, normally the endpoint's first label (`ses`). */
  readonly service: string;
  /** Unix time in seconds; also sent as `X-TC-Timestamp`. */
  readonly timestamp: number;
  /** Headers to sign, `content-type` and `host` at least. Names and values are lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body bytes as sent. */
  readonly payload: string | Uint8Array;
  /** @default 'POST' */
  readonly method?: string | undefined;
  /** Canonical query string (GET only). @default '' */
  readonly query?: string | undefined;
}

export interface Tc3Signature {
  readonly authorization: string;
  readonly signature: string;
  readonly signedHeaders: string;
  readonly credentialScope: string;
}

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Uint8Array, data: string) => createHmac('sha256', key).update(data).digest();

/** `YYYY-MM-DD` of a Unix timestamp, in UTC as the algorithm requires. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** The derived signing key; it depends only on the key, the day and the service, so it can be cached. */
export function tc3SigningKey(secretKey: string, date: string, service: string): Buffer {
  return hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
}

/** Builds the canonical request; exported for tests and for the emulator's verification. */
export function tc3CanonicalRequest(
  input: Omit<Tc3SignInput, 'secretId' | 'secretKey' | 'service' | 'timestamp'>,
) {
  const entries = Object.entries(input.headers)
    .map(([name, value]) => [name.trim().toLowerCase(), value.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = entries.map(([name, value]) => `${name}:${value}\n`).join('');
  const signedHeaders = entries.map(([name]) => name).join(';');
  const canonical = [
    input.method ?? 'POST',
    '/',
    input.query ?? '',
    canonicalHeaders,
    signedHeaders,
    sha256Hex(input.payload),
  ].join('\n');
  return { canonical, signedHeaders };
}

/** Signs a request with TC3-HMAC-SHA256 and returns the `Authorization` header value. */
export function signTc3(input: Tc3SignInput, signingKey?: Uint8Array): Tc3Signature {
  const date = tc3Date(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const { canonical, signedHeaders } = tc3CanonicalRequest(input);
  const stringToSign = `${TC3_ALGORITHM}\n${input.timestamp}\n${credentialScope}\n${sha256Hex(canonical)}`;
  const key = signingKey ?? tc3SigningKey(input.secretKey, date, input.service);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  const authorization = `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { authorization, signature, signedHeaders, credentialScope };
}

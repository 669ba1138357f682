import { timingSafeEqual } from 'node:crypto';
import { signTc3, tc3Date, tc3SigningKey } from '@ses-cli/sdk';
import type { EmulatorKey } from './keys.js';

/** Why a signature was refused, as the Tencent error code the service answers. */
export type SignatureFailure =
  | 'AuthFailure.InvalidAuthorization'
  | 'AuthFailure.SecretIdNotFound'
  | 'AuthFailure.SignatureFailure'
  | 'AuthFailure.SignatureExpire';

export interface SignedRequest {
  readonly authorization: string;
  readonly timestamp: number;
  /** Lower-cased request header names → values, as received (Node's `IncomingHttpHeaders`). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Buffer;
  /** Real time in seconds (not the emulated clock: clients sign with their own wall clock). */
  readonly nowSeconds: number;
}

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const MAX_SKEW_SECONDS = 300;

/**
 * Verifies a TC3-HMAC-SHA256 signature against the configured keys, in constant time.
 *
 * Accepts what real clients send: the service of the credential scope is taken as claimed (the
 * official Node SDK pointed at `127.0.0.1:4599` signs for service `127`), and the host may be signed
 * with or without its port (that SDK signs the hostname only).
 */
export function verifySignature(
  request: SignedRequest,
  keys: readonly EmulatorKey[],
): SignatureFailure | undefined {
  const match = AUTHORIZATION.exec(request.authorization.trim());
  if (!match) return 'AuthFailure.InvalidAuthorization';
  const [, secretId, date, service, signedHeaderList, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const key = keys.find((candidate) => candidate.secretId === secretId);
  if (!key) return 'AuthFailure.SecretIdNotFound';
  if (Math.abs(request.nowSeconds - request.timestamp) > MAX_SKEW_SECONDS)
    return 'AuthFailure.SignatureExpire';
  if (date !== dayOf(request.timestamp)) return 'AuthFailure.SignatureFailure';

  const names = signedHeaderList.split(';');
  if (!names.includes('content-type') || !names.includes('host')) return 'AuthFailure.SignatureFailure';
  const signedValues = signedHeaderValues(request.headers, names);
  if (!signedValues) return 'AuthFailure.SignatureFailure';
  const expected = Buffer.from(signature, 'hex');
  for (const host of hostVariants(signedValues.host ?? '')) {
    const headers: Record<string, string> = { ...signedValues, host };
    const actual = signTc3(
      {
        secretId,
        secretKey: key.secretKey,
        service,
        timestamp: request.timestamp,
        headers,
        payload: request.body,
      },
      signingKey(key.secretKey, date, service),
    );
    if (timingSafeEqual(Buffer.from(actual.signature, 'hex'), expected)) return undefined;
  }
  return 'AuthFailure.SignatureFailure';
}

/**
 * The values of the signed headers, read as own properties only: the list comes from the client, so
 * `constructor` must not find `Object.prototype`'s, and `set-cookie` (an array in Node) is not a
 * header a TC3 signature can cover. Undefined when one is missing or not a single string: the
 * signature cannot match (the caller answers `AuthFailure.SignatureFailure`).
 */
function signedHeaderValues(
  received: SignedRequest['headers'],
  names: readonly string[],
): Record<string, string> | undefined {
  const values = Object.create(null) as Record<string, string>;
  for (const name of names) {
    const value = Object.hasOwn(received, name) ? received[name] : undefined;
    if (typeof value !== 'string') return undefined;
    values[name] = value;
  }
  return values;
}

let lastDay = { day: Number.NaN, date: '' };

/** `tc3Date`, remembered for the current UTC day (every request asks). */
function dayOf(timestamp: number): string {
  const day = Math.floor(timestamp / 86_400);
  if (day !== lastDay.day) lastDay = { day, date: tc3Date(timestamp) };
  return lastDay.date;
}

const signingKeys = new Map<string, Buffer>();
const MAX_CACHED_KEYS = 64;

/**
 * The derived key for one secret, day and service. Deriving it costs three HMACs per request, and it
 * changes once a day per client, so it is cached (bounded: a flood of made-up service names only
 * empties the cache).
 */
function signingKey(secretKey: string, date: string, service: string): Buffer {
  const id = `${date}\n${service}\n${secretKey}`;
  let key = signingKeys.get(id);
  if (!key) {
    if (signingKeys.size >= MAX_CACHED_KEYS) signingKeys.clear();
    key = tc3SigningKey(secretKey, date, service);
    signingKeys.set(id, key);
  }
  return key;
}

/** The Host header as sent, and without its port. */
function hostVariants(host: string): string[] {
  const withoutPort = host.replace(/:\d+$/, '');
  return withoutPort === host ? [host] : [host, withoutPort];
}

import { randomUUID } from 'node:crypto';
import { pooledRandomBytes } from '../../delivery/random-pool.js';
import { compactDateTime } from './dates.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(length: number): string {
  const bytes = pooledRandomBytes(length);
  let out = '';
  // 62 symbols: the modulo bias is irrelevant for an identifier that only has to be unique.
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/**
 * A MessageId in the service's format: `qcloudses-30-<appId>-date-<yyyyMMddHHmmss>-<12 random>`,
 * e.g. `qcloudses-30-1000000000-date-20210101094334-syNARhMTbKI1`.
 */
export function sesMessageId(appId: string, epochMs: number, timeZone: string): string {
  return sesMessageIdFactory(appId, epochMs, timeZone)();
}

/**
 * Makes MessageIds for many emails requested at the same instant: the date stamp (a time-zone
 * conversion) is formatted once, each call adds only the random part.
 */
export function sesMessageIdFactory(appId: string, epochMs: number, timeZone: string): () => string {
  const prefix = `qcloudses-30-${appId}-date-${compactDateTime(epochMs, timeZone)}-`;
  return () => prefix + randomToken(12);
}

/** A `Message-Id` header value (without brackets) on the sender's domain. */
export function smtpMessageId(senderDomain: string): string {
  return `${randomUUID()}@${senderDomain}`;
}

/** An unguessable tracking token (URL-safe) for one recipient's email. */
export function trackingToken(): string {
  return pooledRandomBytes(16).toString('base64url');
}

import { randomUUID } from 'node:crypto';
import { pooledRandomBytes } from '../../delivery/random-pool.js';
import { compactDateTime } from './dates.js';

/** Digits, upper case, lower case: ASCII order, so a counter written in these symbols sorts as numbers do. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomToken(length: number): string {
  const bytes = pooledRandomBytes(length);
  let out = '';
  // 62 symbols: the modulo bias is irrelevant for an identifier that only has to be unique.
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** Symbols of the counter that starts a MessageId's 12-character part (62⁴ ≈ 14.8 million values). */
const SEQUENCE_WIDTH = 4;
const SEQUENCE_VALUES = ALPHABET.length ** SEQUENCE_WIDTH;
let sequence = 0;

/** The process's counter, in {@link SEQUENCE_WIDTH} symbols; it wraps around after its last value. */
function nextSequence(): string {
  let value = sequence;
  sequence = (sequence + 1) % SEQUENCE_VALUES;
  let out = '';
  for (let i = 0; i < SEQUENCE_WIDTH; i++) {
    out = ALPHABET[value % ALPHABET.length] + out;
    value = Math.floor(value / ALPHABET.length);
  }
  return out;
}

/**
 * A MessageId in the service's format: `qcloudses-30-<appId>-date-<yyyyMMddHHmmss>-<12 characters>`,
 * e.g. `qcloudses-30-1000000000-date-20210101094334-syNARhMTbKI1`. The 12 characters are a counter
 * of this process (4) and random ones (8, unique across processes): ids made one after the other
 * sort one after the other, so recording them adds to one end of the database's index on them
 * instead of dirtying a page of it per email (bench/local.md, round 9).
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
  return () => prefix + nextSequence() + randomToken(12 - SEQUENCE_WIDTH);
}

/** A `Message-Id` header value (without brackets) on the sender's domain. */
export function smtpMessageId(senderDomain: string): string {
  return `${randomUUID()}@${senderDomain}`;
}

/**
 * An unguessable tracking token (URL-safe) for one recipient's email: the time in base 36 (9
 * characters, in ASCII order) and 128 random bits. The time makes tokens sort in the order they
 * are made, so the unique index on them grows at one end: random tokens alone would dirty one of
 * its pages per email, the largest part of a batch's database writes (bench/local.md, round 9).
 */
export function trackingToken(): string {
  return Date.now().toString(36).padStart(9, '0') + pooledRandomBytes(16).toString('base64url');
}

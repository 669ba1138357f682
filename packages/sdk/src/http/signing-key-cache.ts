import { tc3Date, tc3SigningKey } from './tc3-signer.js';

/**
 * Remembers the derived TC3 signing key. It depends only on (secret key, UTC day, service), so three
 * HMACs per request become one lookup; one entry suffices because a backend signs for one service
 * and the key changes only at midnight UTC or when credentials rotate.
 */
export class SigningKeyCache {
  #secretKey: string | undefined;
  #service: string | undefined;
  #day = Number.NaN;
  #key: Buffer | undefined;

  /** The signing key for `timestamp` (Unix seconds). */
  get(secretKey: string, timestamp: number, service: string): Buffer {
    const day = Math.floor(timestamp / 86_400);
    if (this.#key && day === this.#day && secretKey === this.#secretKey && service === this.#service) {
      return this.#key;
    }
    const key = tc3SigningKey(secretKey, tc3Date(timestamp), service);
    this.#secretKey = secretKey;
    this.#service = service;
    this.#day = day;
    this.#key = key;
    return key;
  }
}

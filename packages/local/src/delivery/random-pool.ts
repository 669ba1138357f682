import { randomFillSync } from 'node:crypto';

// Each synchronous randomBytes() call is a trip into OpenSSL's generator; a batch needs three or
// four small random values per message. One fill serves hundreds of them.
const POOL_SIZE = 8192;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * `size` cryptographically random bytes (at most 256), taken from a pool refilled from the CSPRNG
 * when it runs out. The returned buffer is the caller's own copy.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size < 0 || size > 256) throw new RangeError('pooledRandomBytes takes 0 to 256 bytes');
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return out;
}

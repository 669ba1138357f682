import type { Database } from 'better-sqlite3';
import type { DkimSigningKey } from '../../delivery/dkim-sign.js';
import { findIdentity } from '../lookups.js';
import { statement } from './statement-cache.js';

/** `DKIMOption` 2: every message carries one signature per key (1024 and 2048 bits). */
const DUAL_SIGNATURE = 2;

/**
 * The keys a domain's mail is signed with: none without a key, the option's key (1024 or 2048
 * bits), or both keys, smallest first, for the dual signature of `DKIMOption` 2.
 */
export function signingKeys(db: Database, domain: string): DkimSigningKey[] {
  const identity = findIdentity(db, domain);
  if (!identity?.dkim) return [];
  if (identity.dkimOption !== DUAL_SIGNATURE) {
    return [
      { domainName: domain, keySelector: identity.dkim.selector, privateKey: identity.dkim.privateKey },
    ];
  }
  const keys = statement(
    db,
    'SELECT selector, private_key FROM dkim_keys WHERE domain = ? ORDER BY bits',
  ).all(identity.domain) as { selector: string; private_key: string }[];
  return keys.map((key) => ({ domainName: domain, keySelector: key.selector, privateKey: key.private_key }));
}

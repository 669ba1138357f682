import { Resolver } from 'node:dns/promises';
import type { WireDNSAttributes } from './dns-records.js';

/** The DNS lookups a domain check needs; inject a fake one in tests or an offline engine. */
export interface DnsResolver {
  resolveTxt(name: string): Promise<string[][]>;
  resolveMx(name: string): Promise<{ exchange: string; priority: number }[]>;
}

/** The resolver of the operating system (node:dns/promises), optionally pinned to given servers. */
export function systemDnsResolver(options: { servers?: string[]; timeoutMs?: number } = {}): DnsResolver {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 5000, tries: 2 });
  if (options.servers) resolver.setServers(options.servers);
  return {
    resolveTxt: (name) => resolver.resolveTxt(name),
    resolveMx: (name) => resolver.resolveMx(name),
  };
}

/** How DNS compares to a record: published as expected, absent, or present with another value. */
export type DnsRecordState = 'found' | 'missing' | 'different';

/** The record a TXT value belongs to, from its version tag; `other` for unrelated TXT values. */
type TxtKind = 'spf' | 'dkim' | 'dmarc' | 'other';

function txtKind(value: string): TxtKind {
  const v = value.trim().toLowerCase();
  if (/^v=spf1(\s|$)/.test(v)) return 'spf';
  if (/^v=dmarc1\s*(;|$)/.test(v)) return 'dmarc';
  if (/^v=dkim1\s*(;|$)/.test(v) || /(^|;)\s*p=/.test(v)) return 'dkim';
  return 'other';
}

function tags(value: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) map.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).replace(/\s+/g, ''));
  }
  return map;
}

const hostname = (value: string) => value.trim().toLowerCase().replace(/\.$/, '');

/** The current values that are about this record (an SPF check ignores a site-verification TXT). */
function relevantValues(
  record: Pick<WireDNSAttributes, 'Type' | 'ExpectedValue'>,
  current: readonly string[],
) {
  if (record.Type.toUpperCase() !== 'TXT') return [...current];
  const kind = txtKind(record.ExpectedValue);
  return current.filter((value) => txtKind(value) === kind);
}

function matches(record: Pick<WireDNSAttributes, 'Type' | 'ExpectedValue'>, value: string): boolean {
  const type = record.Type.toUpperCase();
  if (type === 'MX' || type === 'CNAME') return hostname(value) === hostname(record.ExpectedValue);
  if (type !== 'TXT') return value.trim() === record.ExpectedValue.trim();
  const expected = record.ExpectedValue;
  switch (txtKind(expected)) {
    case 'spf': {
      // Merged SPF records are the norm: what matters is that our include is one of the terms.
      const terms = value.toLowerCase().split(/\s+/);
      return expected
        .toLowerCase()
        .split(/\s+/)
        .filter((term) => term.startsWith('include:'))
        .every((term) => terms.includes(term));
    }
    case 'dkim': {
      const want = tags(expected);
      const have = tags(value);
      return have.get('p') === want.get('p') && (have.get('k') ?? 'rsa') === (want.get('k') ?? 'rsa');
    }
    case 'dmarc':
      // Any published policy satisfies the check; a stricter one than `p=none` is an improvement.
      return tags(value).has('p');
    default:
      return value.trim() === expected.trim();
  }
}

/**
 * Compares one expected record with the values DNS answers for its name (TXT strings already
 * joined per record, MX exchanges): `found` when one of them satisfies it, `different` when a
 * value of the same kind is there but does not, `missing` otherwise.
 */
export function compareDnsRecord(
  record: Pick<WireDNSAttributes, 'Type' | 'ExpectedValue'>,
  current: readonly string[],
): DnsRecordState {
  const relevant = relevantValues(record, current);
  if (relevant.length === 0) return 'missing';
  return relevant.some((value) => matches(record, value)) ? 'found' : 'different';
}

/** Looks a record's name up; a failed lookup (no such name, no data, timeout) is an empty answer. */
async function lookUp(record: WireDNSAttributes, resolver: DnsResolver): Promise<string[]> {
  try {
    switch (record.Type.toUpperCase()) {
      case 'TXT':
        // Long TXT records (2048-bit DKIM keys) come split into 255-byte strings.
        return (await resolver.resolveTxt(record.SendDomain)).map((chunks) => chunks.join(''));
      case 'MX':
        return (await resolver.resolveMx(record.SendDomain)).map((mx) => mx.exchange);
      default:
        return [];
    }
  } catch {
    return [];
  }
}

/**
 * Checks each record against DNS, filling `CurrentValue` (the matching value, or what is there
 * instead, `' | '`-joined) and `Status` (true only when found). Records are checked in parallel.
 */
export function checkDnsRecords(
  records: WireDNSAttributes[],
  resolver: DnsResolver,
): Promise<WireDNSAttributes[]> {
  return Promise.all(
    records.map(async (record) => {
      const relevant = relevantValues(record, await lookUp(record, resolver));
      const match = relevant.find((value) => matches(record, value));
      return {
        ...record,
        CurrentValue: match ?? relevant.join(' | '),
        Status: match !== undefined,
      };
    }),
  );
}

import { afterEach, describe, expect, test } from 'vitest';
import { generateDkimKeyPair } from '../../src/delivery/dkim-keys.js';
import { checkDnsRecords, systemDnsResolver } from '../../src/delivery/dns-check.js';
import { identityDnsRecords } from '../../src/delivery/dns-records.js';
import { startDnsServer } from './dns-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Splits a long TXT value into 255-byte character-strings, as DNS publishes it. */
const chunks = (value: string) => value.match(/.{1,255}/g) ?? [];

describe('systemDnsResolver against a DNS server on 127.0.0.1', () => {
  test('resolves TXT (multi-string) and MX records', async () => {
    const dns = await startDnsServer({
      txt: { 'example.test': [['v=spf1 ', 'include:qcloudmail.com ~all'], ['other=1']] },
      mx: { 'example.test': [{ exchange: 'mxbiz1.qq.com', priority: 5 }] },
    });
    cleanups.push(dns.close);
    const resolver = systemDnsResolver({ servers: [dns.server], timeoutMs: 2000 });
    expect(await resolver.resolveTxt('example.test')).toEqual([
      ['v=spf1 ', 'include:qcloudmail.com ~all'],
      ['other=1'],
    ]);
    expect(await resolver.resolveMx('example.test')).toEqual([{ exchange: 'mxbiz1.qq.com', priority: 5 }]);
    await expect(resolver.resolveTxt('nothing.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  test('checkDnsRecords over real DNS packets: 2048-bit DKIM key split in chunks, a missing MX', async () => {
    const { publicKey } = generateDkimKeyPair(2048);
    const records = identityDnsRecords('mail.example.test', publicKey, 'qcloudgz2048');
    const dkimValue = records[1]?.ExpectedValue ?? '';
    expect(dkimValue.length).toBeGreaterThan(255);
    const dns = await startDnsServer({
      txt: {
        'mail.example.test': [['v=spf1 include:qcloudmail.com ~all']],
        'qcloudgz2048._domainkey.mail.example.test': [chunks(dkimValue)],
        '_dmarc.mail.example.test': [['v=DMARC1; p=quarantine']],
      },
    });
    cleanups.push(dns.close);
    const checked = await checkDnsRecords(
      records,
      systemDnsResolver({ servers: [dns.server], timeoutMs: 2000 }),
    );
    expect(checked.map((r) => r.Status)).toEqual([true, true, true, false]);
    expect(checked[1]?.CurrentValue).toBe(dkimValue);
    expect(checked[2]?.CurrentValue).toBe('v=DMARC1; p=quarantine');
    expect(checked[3]?.CurrentValue).toBe('');
    expect(dns.queries).toEqual(
      expect.arrayContaining([
        'mail.example.test/16',
        'qcloudgz2048._domainkey.mail.example.test/16',
        'mail.example.test/15',
      ]),
    );
  });
});

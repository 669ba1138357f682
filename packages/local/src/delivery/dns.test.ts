import { describe, expect, test } from 'vitest';
import { checkDnsRecords, compareDnsRecord, type DnsResolver } from './dns-check.js';
import { identityDnsRecords } from './dns-records.js';

const KEY = 'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1' + 'A'.repeat(150) + 'IDAQAB';

/** An in-memory zone; names without data answer like NXDOMAIN does. */
function fakeResolver(zone: {
  txt?: Record<string, string[][]>;
  mx?: Record<string, string[]>;
}): DnsResolver {
  const notFound = (name: string) =>
    Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return {
    async resolveTxt(name) {
      const records = zone.txt?.[name];
      if (!records) throw notFound(name);
      return records;
    },
    async resolveMx(name) {
      const records = zone.mx?.[name];
      if (!records) throw notFound(name);
      return records.map((exchange, i) => ({ exchange, priority: 5 + i }));
    },
  };
}

describe('identityDnsRecords', () => {
  test('SPF, DKIM, DMARC and MX, unchecked', () => {
    expect(identityDnsRecords('Mail.Example.com', KEY, 'qcloud')).toEqual([
      {
        Type: 'TXT',
        SendDomain: 'mail.example.com',
        ExpectedValue: 'v=spf1 include:qcloudmail.com ~all',
        CurrentValue: '',
        Status: false,
      },
      {
        Type: 'TXT',
        SendDomain: 'qcloud._domainkey.mail.example.com',
        ExpectedValue: `v=DKIM1; k=rsa; p=${KEY}`,
        CurrentValue: '',
        Status: false,
      },
      {
        Type: 'TXT',
        SendDomain: '_dmarc.mail.example.com',
        ExpectedValue: 'v=DMARC1; p=none',
        CurrentValue: '',
        Status: false,
      },
      {
        Type: 'MX',
        SendDomain: 'mail.example.com',
        ExpectedValue: 'mxbiz1.qq.com',
        CurrentValue: '',
        Status: false,
      },
    ]);
  });
});

describe('compareDnsRecord', () => {
  const [spf, dkim, dmarc, mx] = identityDnsRecords('mail.example.com', KEY, 'qcloud') as [
    ReturnType<typeof identityDnsRecords>[number],
    ReturnType<typeof identityDnsRecords>[number],
    ReturnType<typeof identityDnsRecords>[number],
    ReturnType<typeof identityDnsRecords>[number],
  ];

  test('SPF: our include inside a merged record is found; another SPF is different; unrelated TXT is missing', () => {
    expect(compareDnsRecord(spf, ['v=spf1 include:qcloudmail.com ~all'])).toBe('found');
    expect(
      compareDnsRecord(spf, [
        'google-site-verification=abc',
        'v=spf1 include:_spf.google.com include:qcloudmail.com -all',
      ]),
    ).toBe('found');
    expect(compareDnsRecord(spf, ['v=spf1 include:_spf.google.com ~all'])).toBe('different');
    expect(compareDnsRecord(spf, ['google-site-verification=abc'])).toBe('missing');
    expect(compareDnsRecord(spf, [])).toBe('missing');
  });

  test('DKIM: same key regardless of spacing and tag order is found; another key is different', () => {
    expect(compareDnsRecord(dkim, [`v=DKIM1; k=rsa; p=${KEY}`])).toBe('found');
    expect(compareDnsRecord(dkim, [`k=rsa;p=${KEY.slice(0, 40)} ${KEY.slice(40)}`])).toBe('found');
    expect(compareDnsRecord(dkim, [`v=DKIM1; k=rsa; p=${KEY.replace('A', 'B')}`])).toBe('different');
    expect(compareDnsRecord(dkim, [`v=DKIM1; k=ed25519; p=${KEY}`])).toBe('different');
    expect(compareDnsRecord(dkim, [])).toBe('missing');
  });

  test('DMARC: any policy is found; a record without a policy is different', () => {
    expect(compareDnsRecord(dmarc, ['v=DMARC1; p=none'])).toBe('found');
    expect(compareDnsRecord(dmarc, ['v=DMARC1; p=reject; rua=mailto:d@example.com'])).toBe('found');
    expect(compareDnsRecord(dmarc, ['v=DMARC1; rua=mailto:d@example.com'])).toBe('different');
    expect(compareDnsRecord(dmarc, ['v=spf1 -all'])).toBe('missing');
  });

  test('MX: case and trailing dot do not matter', () => {
    expect(compareDnsRecord(mx, ['MXBIZ1.qq.com.'])).toBe('found');
    expect(compareDnsRecord(mx, ['mx.other.example', 'mxbiz1.qq.com'])).toBe('found');
    expect(compareDnsRecord(mx, ['mx.other.example'])).toBe('different');
    expect(compareDnsRecord(mx, [])).toBe('missing');
  });
});

describe('checkDnsRecords', () => {
  test('fills CurrentValue and Status for found, missing and different records', async () => {
    const records = identityDnsRecords('mail.example.com', KEY, 'qcloud');
    const resolver = fakeResolver({
      txt: {
        // A 2048-bit style key split into 255-byte strings must be joined back.
        'mail.example.com': [['v=spf1 include:qcloudmail.com ~all'], ['google-site-verification=abc']],
        'qcloud._domainkey.mail.example.com': [[`v=DKIM1; k=rsa; p=${KEY.slice(0, 100)}`, KEY.slice(100)]],
        '_dmarc.mail.example.com': [['v=DMARC1; sp=none']],
      },
    });
    const checked = await checkDnsRecords(records, resolver);
    expect(checked.map((r) => [r.SendDomain, r.Status, r.CurrentValue])).toEqual([
      ['mail.example.com', true, 'v=spf1 include:qcloudmail.com ~all'],
      ['qcloud._domainkey.mail.example.com', true, `v=DKIM1; k=rsa; p=${KEY}`],
      ['_dmarc.mail.example.com', false, 'v=DMARC1; sp=none'],
      ['mail.example.com', false, ''],
    ]);
    expect(checked.map((r) => r.ExpectedValue)).toEqual(records.map((r) => r.ExpectedValue));
    expect(records.every((r) => r.Status === false && r.CurrentValue === '')).toBe(true);
  });

  test('joins several relevant values when none matches, and treats a failing lookup as missing', async () => {
    const records = identityDnsRecords('mail.example.com', KEY, 'qcloud');
    const resolver = fakeResolver({ mx: { 'mail.example.com': ['mx1.example.net', 'mx2.example.net'] } });
    resolver.resolveTxt = async () => {
      throw Object.assign(new Error('queryTxt ETIMEOUT'), { code: 'ETIMEOUT' });
    };
    const checked = await checkDnsRecords(records, resolver);
    expect(checked[3]).toMatchObject({ Status: false, CurrentValue: 'mx1.example.net | mx2.example.net' });
    expect(checked.slice(0, 3).every((r) => !r.Status && r.CurrentValue === '')).toBe(true);
  });

  test('all found when the zone is published as asked', async () => {
    const records = identityDnsRecords('example.com', KEY, 's1');
    const resolver = fakeResolver({
      txt: Object.fromEntries(
        records.filter((r) => r.Type === 'TXT').map((r) => [r.SendDomain, [[r.ExpectedValue]]]),
      ),
      mx: { 'example.com': ['mxbiz1.qq.com.'] },
    });
    expect((await checkDnsRecords(records, resolver)).every((r) => r.Status)).toBe(true);
  });
});

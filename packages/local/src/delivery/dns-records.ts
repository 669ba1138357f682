/** A DNS record of a sender domain in the wire shape of `DNSAttributes` (reference §3.14). */
export interface WireDNSAttributes {
  /** `TXT` or `MX` here; the API also knows `CNAME` and `A`. */
  Type: string;
  /** The DNS name the record lives on. */
  SendDomain: string;
  ExpectedValue: string;
  /** What DNS answers today; empty until checked. */
  CurrentValue: string;
  /** True once DNS answers the expected value. */
  Status: boolean;
}

/** The values Tencent asks for (reference §3.1). */
export const SPF_VALUE = 'v=spf1 include:qcloudmail.com ~all';
export const DMARC_VALUE = 'v=DMARC1; p=none';
export const MX_VALUE = 'mxbiz1.qq.com';

/**
 * The records a sender domain must publish: SPF on the domain, the DKIM public key on
 * `<selector>._domainkey.<domain>`, DMARC on `_dmarc.<domain>` and the MX, all unchecked.
 */
export function identityDnsRecords(domain: string, publicKey: string, selector: string): WireDNSAttributes[] {
  const name = domain.toLowerCase().replace(/\.$/, '');
  const record = (Type: string, SendDomain: string, ExpectedValue: string): WireDNSAttributes => ({
    Type,
    SendDomain,
    ExpectedValue,
    CurrentValue: '',
    Status: false,
  });
  return [
    record('TXT', name, SPF_VALUE),
    record('TXT', `${selector}._domainkey.${name}`, `v=DKIM1; k=rsa; p=${publicKey}`),
    record('TXT', `_dmarc.${name}`, DMARC_VALUE),
    record('MX', name, MX_VALUE),
  ];
}

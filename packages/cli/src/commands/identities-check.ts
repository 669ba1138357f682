import { Resolver } from 'node:dns/promises';
import type { CommandInput, CommandResult } from '../define-command.js';
import type { Session, Wire } from '../session.js';

type Verdict = 'found' | 'missing' | 'different' | 'lookup failed';

/** `identities check <domain>`: each expected record looked up in DNS and compared. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const domain = input.args[0] ?? '';
  const identity = await session.call('GetEmailIdentity', { EmailIdentity: domain });
  const resolver = new Resolver({ timeout: 3000, tries: 1 });
  // SES_CLI_DNS_SERVERS points the check at a specific resolver (tests, split-horizon DNS).
  const servers = session.cli.env.SES_CLI_DNS_SERVERS;
  if (servers) resolver.setServers(servers.split(',').map((s) => s.trim()));
  const records = (identity.Attributes as Wire[] | undefined) ?? [];
  const rows = await Promise.all(records.map((record) => checkRecord(resolver, record)));
  return {
    kind: 'table',
    rows,
    columns: [
      { key: 'type', header: 'Type' },
      { key: 'host', header: 'Host' },
      { key: 'verdict', header: 'DNS' },
      { key: 'expected', header: 'Expected' },
      { key: 'found', header: 'Found' },
    ],
    empty: `No DNS records are expected for ${domain}.`,
    json: { domain, records: rows },
  };
}

async function checkRecord(resolver: Resolver, record: Wire) {
  const type = String(record.Type ?? '');
  const host = String(record.SendDomain ?? '');
  const expected = String(record.ExpectedValue ?? '');
  let values: string[];
  try {
    values =
      type === 'MX'
        ? (await resolver.resolveMx(host)).map((mx) => mx.exchange)
        : type === 'TXT'
          ? (await resolver.resolveTxt(host)).map((chunks) => chunks.join(''))
          : type === 'CNAME'
            ? await resolver.resolveCname(host)
            : await resolver.resolve4(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const verdict: Verdict = code === 'ENOTFOUND' || code === 'ENODATA' ? 'missing' : 'lookup failed';
    return { type, host, verdict, expected, found: verdict === 'missing' ? '' : String(code ?? error) };
  }
  const normalize = (v: string) => v.trim().replace(/\.$/, '').replace(/\s+/g, ' ').toLowerCase();
  const match = values.some((v) => normalize(v) === normalize(expected));
  const sameKind = values.filter((v) => type !== 'TXT' || v.split(/[ ;]/)[0] === expected.split(/[ ;]/)[0]);
  const verdict: Verdict = match ? 'found' : sameKind.length > 0 ? 'different' : 'missing';
  return { type, host, verdict, expected, found: sameKind.join(' | ') };
}

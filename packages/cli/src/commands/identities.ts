import type { Column, CommandInput, CommandResult } from '../define-command.js';
import type { Session, Wire } from '../session.js';
import { camelize } from './shared.js';

const RECORD_COLUMNS: readonly Column[] = [
  { key: 'Type', header: 'Type' },
  { key: 'SendDomain', header: 'Host' },
  { key: 'ExpectedValue', header: 'Value' },
  { key: 'Status', header: 'OK', format: (v) => (v === true ? 'yes' : 'no') },
];

/** `identities list|create|show|verify|delete`. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const domain = input.args[0] ?? '';
  switch (input.command) {
    case 'identities list': {
      const out = await session.call('ListEmailIdentities', {});
      const items = (out.EmailIdentities as Wire[] | undefined) ?? [];
      return {
        kind: 'table',
        rows: items,
        columns: [
          { key: 'IdentityName', header: 'Domain' },
          { key: 'SendingEnabled', header: 'Verified', format: (v) => (v === true ? 'yes' : 'no') },
          { key: 'CurrentReputationLevel', header: 'Reputation', align: 'right' },
          { key: 'DailyQuota', header: 'Daily quota', align: 'right' },
        ],
        empty: 'No sender domains.',
        json: { total: Number(out.Total ?? items.length), items: camelize(items) },
      };
    }
    case 'identities create': {
      const dkim = input.opts.dkim === '2048' ? 1 : 0;
      const out = await session.write('CreateEmailIdentity', { EmailIdentity: domain, DKIMOption: dkim });
      return identityResult(domain, out, 'Publish these DNS records, then run `ses-cli identities verify`:');
    }
    case 'identities show':
      return identityResult(domain, await session.call('GetEmailIdentity', { EmailIdentity: domain }));
    case 'identities verify':
      return identityResult(domain, await session.write('UpdateEmailIdentity', { EmailIdentity: domain }));
    default:
      await session.write('DeleteEmailIdentity', { EmailIdentity: domain });
      return { kind: 'message', message: `Deleted ${domain}`, json: { domain, deleted: true } };
  }
}

function identityResult(domain: string, out: Wire | undefined, note?: string): CommandResult {
  if (!out) return { kind: 'message', message: 'dry run' };
  const records = (out.Attributes as Wire[] | undefined) ?? [];
  const verified = out.VerifiedForSendingStatus === true;
  return {
    kind: 'sections',
    sections: [
      { kind: 'object', value: { domain, verified: verified ? 'yes' : 'no', dkim: out.DKIMOption } },
      ...(note ? [{ kind: 'message' as const, message: note }] : []),
      { kind: 'table', rows: records, columns: RECORD_COLUMNS, empty: 'No DNS records.' },
    ],
    json: { domain, verified, dkimOption: out.DKIMOption ?? null, records: camelize(records) },
  };
}

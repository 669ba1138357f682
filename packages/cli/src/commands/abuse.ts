import { calendarDate } from '@ses-cli/sdk';
import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { optString, parseCount, parseDate } from '../parse/values.js';
import type { Session, Wire } from '../session.js';
import { addDays, backendNow, camelize } from './shared.js';

/** `abuse`: GetAbuseReport over a date range. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const o = input.opts;
  const today = calendarDate(await backendNow(session));
  const to = optString(o.to) ? parseDate(String(o.to), '--to') : today;
  const from = optString(o.from) ? parseDate(String(o.from), '--from') : addDays(to, -29);
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const out = await session.call('GetAbuseReport', {
    StartTime: from,
    EndTime: to,
    Offset: parseCount(o.offset ?? 0, '--offset'),
    Limit: parseCount(o.limit ?? 100, '--limit', { min: 1, max: 1000 }),
    ...(optString(o.domain) ? { FromDomain: o.domain } : {}),
    ...(optString(o.address) ? { FromAddress: o.address } : {}),
    ...(optString(o.recipient) ? { ToAddress: o.recipient } : {}),
  });
  const items = (out.Data as Wire[] | undefined) ?? [];
  return {
    kind: 'table',
    rows: items,
    columns: [
      { key: 'ComplainTime', header: 'Complained' },
      { key: 'OriginalRcptTo', header: 'Recipient' },
      { key: 'OriginalMailFrom', header: 'From' },
      { key: 'Subject', header: 'Subject' },
      { key: 'Mta', header: 'Mailbox' },
    ],
    footer: `${items.length} of ${Number(out.TotalCount ?? items.length)} report(s)`,
    empty: 'No abuse reports.',
    json: { total: Number(out.TotalCount ?? items.length), items: camelize(items) },
  };
}

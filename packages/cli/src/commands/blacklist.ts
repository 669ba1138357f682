import { calendarDate } from '@ses-cli/sdk';
import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { optString, parseDate } from '../parse/values.js';
import type { Session } from '../session.js';
import { addDays, backendNow, camelize, listPaged, pageOf } from './shared.js';

/** `blacklist list|delete`: the bounce blacklist. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  if (input.command === 'blacklist delete') {
    await session.write('DeleteBlackList', { EmailAddressList: [...input.args] });
    return {
      kind: 'message',
      message: `Unblocked ${input.args.length} address(es)`,
      json: { unblocked: input.args },
    };
  }
  const today = calendarDate(await backendNow(session));
  const to = optString(input.opts.to) ? parseDate(String(input.opts.to), '--to') : today;
  const from = optString(input.opts.from) ? parseDate(String(input.opts.from), '--from') : addDays(to, -29);
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const { items, total } = await listPaged(
    session,
    'ListBlackEmailAddress',
    'BlackList',
    'TotalCount',
    pageOf(input),
    {
      StartDate: from,
      EndDate: to,
      ...(optString(input.opts.email) ? { EmailAddress: input.opts.email } : {}),
    },
  );
  return {
    kind: 'table',
    rows: items,
    columns: [
      { key: 'EmailAddress', header: 'Address' },
      { key: 'BounceTime', header: 'Bounced' },
      { key: 'IspDesc', header: 'Reason' },
    ],
    footer: `${items.length} of ${total} blocked address(es)`,
    empty: 'The bounce blacklist is empty.',
    json: { total, items: camelize(items) },
  };
}

import { calendarDate } from '@ses-cli/sdk';
import type { CommandInput, CommandResult } from '../define-command.js';
import { optString, parseDate } from '../parse/values.js';
import type { Session, Wire } from '../session.js';
import { backendNow, camelize, pageOf } from './shared.js';

const DELIVER: Readonly<Record<number, string>> = {
  0: 'queued',
  1: 'delivered',
  2: 'dropped',
  3: 'rejected',
  8: 'deferred',
};
const yes = (v: unknown) => (v === true ? 'yes' : '');

/** `status`: GetSendEmailStatus for one day, optionally one message or recipient. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const date = optString(input.opts.date)
    ? parseDate(String(input.opts.date), '--date')
    : calendarDate(await backendNow(session));
  const page = pageOf(input);
  const items: Wire[] = [];
  // The action reports no total: with --all, page on until a page comes back short.
  for (let offset = page.offset; ; offset += page.limit) {
    const out = await session.call('GetSendEmailStatus', {
      RequestDate: date,
      Offset: offset,
      Limit: page.limit,
      ...(optString(input.opts.messageId) ? { MessageId: input.opts.messageId } : {}),
      ...(optString(input.opts.to) ? { ToEmailAddress: input.opts.to } : {}),
    });
    const batch = (out.EmailStatusList as Wire[] | undefined) ?? [];
    items.push(...batch);
    if (!page.all || batch.length < page.limit) break;
  }
  return {
    kind: 'table',
    rows: items,
    columns: [
      { key: 'MessageId', header: 'Message' },
      { key: 'ToEmailAddress', header: 'To' },
      { key: 'SendStatus', header: 'Send', format: (v) => (Number(v) === 0 ? 'ok' : String(v)) },
      { key: 'DeliverStatus', header: 'Delivery', format: (v) => DELIVER[Number(v)] ?? String(v) },
      { key: 'UserOpened', header: 'Opened', format: yes },
      { key: 'UserClicked', header: 'Clicked', format: yes },
      { key: 'UserUnsubscribed', header: 'Unsub', format: yes },
      { key: 'DeliverMessage', header: 'Message' },
    ],
    footer: `${items.length} status record(s) on ${date}`,
    empty: `No emails on ${date}.`,
    json: { date, items: camelize(items) },
  };
}

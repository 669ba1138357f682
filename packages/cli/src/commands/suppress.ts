import type { CommandInput, CommandResult } from '../define-command.js';
import { PartialFailureError, UsageError } from '../errors.js';
import { withFlagNames } from '../parse/flag-names.js';
import { optString, parseCount, parseDate } from '../parse/values.js';
import type { Session } from '../session.js';
import { camelize, listPaged, pageOf } from './shared.js';

/** Wire fields and what the user typed for them, for validation messages. */
const SUPPRESS_FLAGS = { Emails: 'emails', Email: '--email', ExpireDate: '--expires', Id: 'id' } as const;

const STATUS: Readonly<Record<string, number>> = { expired: 0, active: 1, all: 2 };

/** `suppress list|add|update|remove`: the custom blacklist. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const expires = optString(input.opts.expires);
  switch (input.command) {
    case 'suppress add': {
      const expireDate = expires ? parseDate(expires, '--expires') : undefined;
      const out = await withFlagNames(SUPPRESS_FLAGS, () =>
        session.write('CreateCustomBlacklist', {
          Emails: [...input.args],
          ...(expireDate ? { ExpireDate: expireDate } : {}),
        }),
      );
      const counts = camelize(out ?? {}) as Record<string, unknown>;
      const result: CommandResult = { kind: 'object', value: counts };
      // Malformed or over-long addresses are not added: exit 4 (some added) or 2 (none).
      const refused = Number(counts.invalidCount ?? 0) + Number(counts.tooLongCount ?? 0);
      if (out !== undefined && refused > 0) {
        const message = `${refused} of ${input.args.length} address(es) are not valid email addresses and were not added`;
        if (refused >= input.args.length) throw new UsageError(message);
        throw new PartialFailureError(message, result);
      }
      return result;
    }
    case 'suppress update': {
      const id = parseCount(input.args[0], 'id', { min: 1 });
      const email = optString(input.opts.email) ?? (await entryEmail(session, id));
      const expireDate = expires === undefined || expires === 'never' ? '' : parseDate(expires, '--expires');
      await withFlagNames(SUPPRESS_FLAGS, () =>
        session.write('UpdateCustomBlackList', { Id: id, Email: email, ExpireDate: expireDate }),
      );
      return { kind: 'message', message: `Updated entry ${id}`, json: { id, email, expireDate } };
    }
    case 'suppress remove':
      await withFlagNames(SUPPRESS_FLAGS, () =>
        session.write('DeleteCustomBlackList', { Emails: [...input.args] }),
      );
      return {
        kind: 'message',
        message: `Removed ${input.args.length} address(es)`,
        json: { removed: input.args },
      };
    default: {
      const { items, total } = await listPaged(
        session,
        'ListCustomBlacklist',
        'Data',
        'TotalCount',
        pageOf(input),
        {
          Status: STATUS[String(input.opts.status ?? 'all')] ?? 2,
          ...(optString(input.opts.email) ? { Email: input.opts.email } : {}),
        },
      );
      return {
        kind: 'table',
        rows: items,
        columns: [
          { key: 'Id', header: 'ID', align: 'right' },
          { key: 'Email', header: 'Address' },
          { key: 'Status', header: 'Status', format: (v) => (Number(v) === 1 ? 'active' : 'expired') },
          { key: 'ExpireDate', header: 'Expires', format: (v) => (v ? String(v) : 'never') },
          { key: 'CreateTime', header: 'Created' },
        ],
        footer: `${items.length} of ${total} entr(ies)`,
        empty: 'The suppression list is empty.',
        json: { total, items: camelize(items) },
      };
    }
  }
}

/** The address of custom-blacklist entry `id`, for an update that keeps it. @throws {UsageError} */
async function entryEmail(session: Session, id: number): Promise<string> {
  const { items } = await listPaged(
    session,
    'ListCustomBlacklist',
    'Data',
    'TotalCount',
    {
      limit: 100,
      offset: 0,
      all: true,
    },
    { Status: 2 },
  );
  const entry = items.find((item) => Number(item.Id) === id);
  if (!entry) throw new UsageError(`no suppression entry ${id}; see \`ses-cli suppress list\``);
  return String(entry.Email);
}

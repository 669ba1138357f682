import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { withFlagNames } from '../parse/flag-names.js';
import { optString } from '../parse/values.js';
import type { Session } from '../session.js';
import { camelize, codeOf, GROUP_STATUS, label, listPaged, pageOf, resolveGroup } from './shared.js';

/** `groups list|create|show|delete`. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  switch (input.command) {
    case 'groups list':
      return list(input, session);
    case 'groups create':
      return create(input, session);
    case 'groups show':
      return show(input, session);
    default: {
      const group = await resolveGroup(session, input.args[0] ?? '');
      await session.write('DeleteReceiver', { ReceiverId: Number(group.ReceiverId) });
      return {
        kind: 'message',
        message: `Deleted group ${group.ReceiverId} "${group.ReceiversName}" and its recipients`,
        json: { id: Number(group.ReceiverId), deleted: true },
      };
    }
  }
}

async function list(input: CommandInput, session: Session): Promise<CommandResult> {
  const filters = {
    ...(optString(input.opts.keyword) ? { KeyWord: input.opts.keyword } : {}),
    ...(typeof input.opts.status === 'string' ? { Status: codeOf(GROUP_STATUS, input.opts.status) } : {}),
  };
  const { items, total } = await listPaged(
    session,
    'ListReceivers',
    'Data',
    'TotalCount',
    pageOf(input),
    filters,
  );
  return {
    kind: 'table',
    rows: items,
    columns: [
      { key: 'ReceiverId', header: 'ID', align: 'right' },
      { key: 'ReceiversName', header: 'Name' },
      { key: 'Count', header: 'Recipients', align: 'right' },
      { key: 'InvalidCount', header: 'Invalid', align: 'right' },
      { key: 'ReceiversStatus', header: 'Upload', format: (v) => label(GROUP_STATUS, v) },
      { key: 'CreateTime', header: 'Created' },
    ],
    footer: `${items.length} of ${total} group(s)`,
    empty: 'No recipient groups.',
    json: { total, items: camelize(items) },
  };
}

async function create(input: CommandInput, session: Session): Promise<CommandResult> {
  const name = input.args[0] ?? '';
  if (!name) throw new UsageError('give the group name');
  // Every command takes a group as its id or its name; an all-digit name could never be found by name.
  if (/^\d+$/.test(name))
    throw new UsageError(`name: "${name}" is a number, which commands read as a group id; add a letter`);
  const desc = optString(input.opts.description);
  const out = await withFlagNames({ ReceiversName: 'name', Desc: '--description' }, () =>
    session.write('CreateReceiver', { ReceiversName: name, ...(desc ? { Desc: desc } : {}) }),
  );
  const id = Number(out?.ReceiverId);
  return { kind: 'message', message: `Created group ${id} "${name}"`, json: { id, name } };
}

async function show(input: CommandInput, session: Session): Promise<CommandResult> {
  const group = await resolveGroup(session, input.args[0] ?? '');
  const { items, total } = await listPaged(
    session,
    'ListReceiverDetails',
    'Data',
    'TotalCount',
    pageOf(input),
    {
      ReceiverId: Number(group.ReceiverId),
    },
  );
  const summary = {
    id: group.ReceiverId,
    name: group.ReceiversName,
    description: group.Desc,
    recipients: group.Count,
    invalid: group.InvalidCount,
    upload: label(GROUP_STATUS, group.ReceiversStatus),
    created: group.CreateTime,
  };
  return {
    kind: 'sections',
    sections: [
      { kind: 'object', value: summary },
      {
        kind: 'table',
        rows: items,
        columns: [
          { key: 'EmailId', header: 'ID', align: 'right' },
          { key: 'Email', header: 'Email' },
          { key: 'TemplateData', header: 'Data' },
          { key: 'Status', header: 'Valid', format: (v) => (Number(v) === 2 ? 'no' : 'yes') },
          { key: 'Reason', header: 'Reason' },
        ],
        footer: `${items.length} of ${total} recipient(s)`,
        empty: 'No recipients yet.',
      },
    ],
    json: { group: camelize(group), total, recipients: camelize(items) },
  };
}

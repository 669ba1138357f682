import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import type { Session, Wire } from '../session.js';
import { camelize, pageOf } from './shared.js';

/** `unsubscribe-config list|set|delete`. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const address = input.args[0] ?? '';
  if (input.command === 'unsubscribe-config list') {
    const page = pageOf(input);
    // The API types this Limit as a string.
    const out = await session.call('ListAddressUnsubscribeConfig', {
      Offset: page.offset,
      Limit: String(page.limit),
    });
    const items = (out.AddressUnsubscribeConfigList as Wire[] | undefined) ?? [];
    return {
      kind: 'table',
      rows: items,
      columns: [
        { key: 'Address', header: 'Address' },
        { key: 'UnsubscribeConfig', header: 'Language' },
        { key: 'Status', header: 'Link', format: (v) => (Number(v) === 1 ? 'on' : 'off') },
      ],
      empty: 'No unsubscribe settings.',
      json: { total: Number(out.Total ?? items.length), items: camelize(items) },
    };
  }
  if (input.command === 'unsubscribe-config delete') {
    await session.write('DeleteAddressUnsubscribeConfig', { Address: address });
    return {
      kind: 'message',
      message: `Deleted the setting of ${address}`,
      json: { address, deleted: true },
    };
  }
  const language = String(input.opts.language ?? '2');
  if (!/^(?:[0-9]|10)$/.test(language)) throw new UsageError(`--language: expected 0–10, got "${language}"`);
  const payload = { Address: address, UnsubscribeConfig: language, Status: input.opts.off === true ? 0 : 1 };
  const existing = await session.call('ListAddressUnsubscribeConfig', { Offset: 0, Limit: '100' });
  const known = ((existing.AddressUnsubscribeConfigList as Wire[] | undefined) ?? []).some(
    (c) => c.Address === address,
  );
  await session.write(known ? 'UpdateAddressUnsubscribeConfig' : 'CreateAddressUnsubscribeConfig', payload);
  return {
    kind: 'message',
    message: `${known ? 'Updated' : 'Created'} the setting of ${address}: language ${language}, link ${payload.Status ? 'on' : 'off'}`,
    json: camelize(payload),
  };
}

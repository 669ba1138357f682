import type { LocalBackend } from '@ses-cli/local';
import { calendarDateTime, SES_TIME_ZONE } from '@ses-cli/sdk';
import type { CommandInput, CommandResult } from '../define-command.js';
import { UsageError } from '../errors.js';
import { optString, parseCount, parseDuration } from '../parse/values.js';
import type { Session } from '../session.js';

/** `local clock show|advance`, `local reset`, `local messages`. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const backend = await session.local();
  switch (input.command) {
    case 'local clock show':
      return clock(backend.now());
    case 'local clock advance': {
      const ms = parseDuration(input.args[0] ?? '', 'duration');
      advance(backend, ms, input.args[0] ?? '');
      const report = await backend.runDue();
      const result = clock(backend.now());
      session.ui.info(
        `Advanced ${input.args[0]}: ${report.tasksStarted} task(s) started, ${report.emailsSent} sent, ${report.emailsCached} cached`,
      );
      return { ...result, json: { now: backend.now().toISOString(), advancedMs: ms, ...report } };
    }
    case 'local reset':
      await backend.reset();
      return { kind: 'message', message: `Local backend reset (${backend.dataDir})`, json: { reset: true } };
    default:
      return messages(input, session);
  }
}

/** The longest single advance the local backend accepts (its `MAX_ADVANCE_MS`). */
const MAX_ADVANCE_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * Moves the emulated clock; the backend's limits (366 days per advance, 100 years ahead of the real
 * clock in all) are usage errors naming the duration typed. @throws {UsageError}
 */
function advance(backend: LocalBackend, ms: number, typed: string): void {
  try {
    backend.advanceTime(ms);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    if (ms > MAX_ADVANCE_DAYS * DAY_MS) {
      throw new UsageError(
        `duration: "${typed}" is longer than ${MAX_ADVANCE_DAYS}d, the most one advance may move the clock; advance in steps`,
      );
    }
    throw new UsageError(
      `duration: "${typed}" would put the emulated clock more than 100 years ahead of the real clock (the limit); \`ses-cli local reset\` starts it over`,
    );
  }
}

function clock(now: Date): CommandResult {
  const value = { now: now.toISOString(), [SES_TIME_ZONE]: calendarDateTime(now, SES_TIME_ZONE) };
  return { kind: 'object', value, json: { now: now.toISOString() } };
}

async function messages(input: CommandInput, session: Session): Promise<CommandResult> {
  const backend = await session.local();
  const id = input.args[0];
  if (id) {
    if (input.opts.raw === true) {
      const raw = backend.messages.raw(id);
      if (!raw) throw new UsageError(`no message "${id}"`);
      return { kind: 'text', text: raw.toString('utf8'), json: { id, raw: raw.toString('utf8') } };
    }
    const message = backend.messages.get(id);
    if (!message) throw new UsageError(`no message "${id}"`);
    const { events, ...summary } = message;
    return {
      kind: 'sections',
      sections: [
        { kind: 'object', value: summary },
        {
          kind: 'table',
          rows: events.map((e) => ({
            ...e,
            at: new Date(e.timestamp * (e.timestamp < 1e12 ? 1000 : 1)).toISOString(),
          })),
          columns: [
            { key: 'type', header: 'Event' },
            { key: 'at', header: 'At' },
            { key: 'reason', header: 'Reason' },
            { key: 'link', header: 'Link' },
          ],
          empty: 'No events.',
        },
      ],
      json: message,
    };
  }
  if (input.opts.raw === true) throw new UsageError('--raw needs a message id');
  const { items, total } = backend.messages.list({
    ...(optString(input.opts.to) ? { to: String(input.opts.to) } : {}),
    ...(optString(input.opts.subject) ? { subject: String(input.opts.subject) } : {}),
    limit: parseCount(input.opts.limit ?? 20, '--limit', { min: 1, max: 1000 }),
    offset: parseCount(input.opts.offset ?? 0, '--offset'),
  });
  return {
    kind: 'table',
    rows: items.map((m) => ({ ...m })),
    columns: [
      { key: 'id', header: 'Message' },
      { key: 'to', header: 'To' },
      { key: 'subject', header: 'Subject' },
      { key: 'status', header: 'Status' },
      { key: 'createdAt', header: 'Created' },
    ],
    footer: `${items.length} of ${total} message(s)`,
    empty: 'The outbox is empty.',
    json: { total, items },
  };
}

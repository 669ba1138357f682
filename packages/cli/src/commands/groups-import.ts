import { isEmailAddress } from '@ses-cli/sdk';
import type { CommandInput, CommandResult } from '../define-command.js';
import { PartialFailureError, UsageError } from '../errors.js';
import { assertReadable, type RecipientRow, readRecipients, recipientFormat } from '../parse/recipients.js';
import type { Session, Wire } from '../session.js';
import { findGroup, GROUP_STATUS, label, sleep } from './shared.js';

/** The API's per-call and per-list limits for recipient uploads. */
const CHUNK = 20_000;
const LIST_MAX = 50_000;
const DATA_MAX_BYTES = 800;
const HTML = /<[A-Za-z/!?]/;
const SHOWN_PROBLEMS = 3;

/** `groups import <group> <file>`: validate every row first, then upload in API-sized chunks. */
export async function run(input: CommandInput, session: Session): Promise<CommandResult> {
  const [ref = '', file = ''] = input.args;
  const format = recipientFormat(file, input.opts.format);
  await assertReadable(file);

  const check = await validate(file, format);
  if (check.problems.length > 0) {
    const shown = check.problems.slice(0, SHOWN_PROBLEMS).map((p) => `line ${p.line}: ${p.problem}`);
    const more =
      check.problems.length > SHOWN_PROBLEMS ? ` (+${check.problems.length - SHOWN_PROBLEMS} more)` : '';
    throw new UsageError(
      `${file}: ${check.problems.length} invalid row(s), nothing uploaded: ${shown.join('; ')}${more}`,
    );
  }
  if (check.rows === 0) throw new UsageError(`${file}: no recipients`);
  if (check.rows > LIST_MAX)
    throw new UsageError(`${file}: ${check.rows} rows; a group holds at most ${LIST_MAX}`);

  let group = await findGroup(session, ref);
  if (!group && input.opts.create === true && !/^\d+$/.test(ref)) {
    const out = await session.write('CreateReceiver', { ReceiversName: ref });
    group = { ReceiverId: Number(out?.ReceiverId ?? 0), ReceiversName: ref };
  }
  if (!group) {
    // A number is read as a group id, so --create cannot make a group of that name.
    const hint = /^\d+$/.test(ref)
      ? 'a number is taken as a group id; to create a group, give it a name that is not a number'
      : 'add --create to create it';
    throw new UsageError(`no recipient group "${ref}" (${hint})`);
  }
  const receiverId = Number(group.ReceiverId);

  const totals = { rows: check.rows, total: 0, valid: 0, tooLong: 0, empty: 0, repeated: 0 };
  const progress = session.ui.progress('uploading', check.rows);
  let chunk: RecipientRow[] = [];
  let sent = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    // The service processes an upload asynchronously and refuses the next one until it is done
    // (OperationDenied.ReceiverIsOperating), so each further chunk waits for the previous one.
    if (sent > 0 && !session.globals.dryRun) await waitIdle(session, receiverId);
    const payload: Wire = check.withData
      ? {
          ReceiverId: receiverId,
          Datas: chunk.map((r) => ({ Email: r.email, TemplateData: JSON.stringify(r.data) })),
        }
      : { ReceiverId: receiverId, Emails: chunk.map((r) => r.email) };
    const out = await session.write(
      check.withData ? 'CreateReceiverDetailWithData' : 'CreateReceiverDetail',
      payload,
    );
    totals.total += Number(out?.TotalCount ?? chunk.length);
    totals.valid += Number(out?.ValidCount ?? 0);
    totals.tooLong += Number(out?.TooLongCount ?? 0);
    totals.empty += Number(out?.EmptyEmailCount ?? 0);
    totals.repeated += Number(out?.RepeatCount ?? 0);
    sent += chunk.length;
    progress.update(sent);
    chunk = [];
  };
  for await (const row of readRecipients(file, format)) {
    if ('problem' in row) continue;
    chunk.push(row);
    if (chunk.length === CHUNK) await flush();
  }
  await flush();
  progress.done();
  if (session.globals.dryRun) return { kind: 'message', message: 'dry run' };

  let status = 'accepted';
  if (input.opts.wait === true) status = await waitUploaded(session, receiverId);
  const result = {
    group: receiverId,
    name: group.ReceiversName,
    rows: totals.rows,
    uploaded: totals.valid,
    tooLong: totals.tooLong,
    empty: totals.empty,
    repeated: totals.repeated,
    upload: status,
  };
  const output: CommandResult = { kind: 'object', value: result, json: result };
  if (totals.valid < totals.rows) {
    throw new PartialFailureError(
      `${totals.rows - totals.valid} of ${totals.rows} row(s) were not accepted`,
      output,
    );
  }
  return output;
}

interface Validation {
  rows: number;
  withData: boolean;
  problems: { line: number; problem: string }[];
}

/** First pass: every row checked (address, variables, size, consistent keys); nothing kept but counts. */
async function validate(file: string, format: 'csv' | 'jsonl'): Promise<Validation> {
  const result: Validation = { rows: 0, withData: false, problems: [] };
  let keys: string | undefined;
  for await (const row of readRecipients(file, format)) {
    if ('problem' in row) {
      result.problems.push(row);
      continue;
    }
    result.rows += 1;
    const problem = rowProblem(row, keys);
    keys ??= Object.keys(row.data).sort().join(',');
    if (problem) result.problems.push({ line: row.line, problem });
  }
  result.withData = (keys ?? '') !== '';
  return result;
}

function rowProblem(row: RecipientRow, keys: string | undefined): string | undefined {
  if (row.email === '') return 'empty email';
  if (!isEmailAddress(row.email)) return `"${row.email}" is not a valid email address`;
  const rowKeys = Object.keys(row.data).sort().join(',');
  if (keys !== undefined && rowKeys !== keys)
    return `variables (${rowKeys}) differ from the first row (${keys})`;
  for (const [key, value] of Object.entries(row.data)) {
    if (HTML.test(value)) return `"${key}" contains HTML, which the service rejects`;
  }
  const bytes = Buffer.byteLength(JSON.stringify(row.data), 'utf8');
  if (bytes > DATA_MAX_BYTES) return `template data is ${bytes} bytes (max ${DATA_MAX_BYTES})`;
  return undefined;
}

/**
 * Waits until the group has no upload in progress. Locally the upload is processed by running the
 * backend's due work right now (no polling, no sleeps); against the service, the group is polled.
 */
async function waitIdle(session: Session, receiverId: number): Promise<number> {
  const local = session.globals.backend === 'local' ? await session.local() : undefined;
  for (;;) {
    if (local) await local.runDue();
    const group = await findGroup(session, String(receiverId));
    const status = Number(group?.ReceiversStatus ?? 3);
    if (status === 3 || session.cli.signal?.aborted) return status;
    // Locally runDue completes every due upload, so this is only reached against the service.
    await sleep(local ? 0 : 2000, session.cli.signal);
  }
}

/** `--wait`: a spinner while the last upload completes. */
async function waitUploaded(session: Session, receiverId: number): Promise<string> {
  const spinner = session.ui.spinner('waiting for the upload to complete');
  try {
    const status = await waitIdle(session, receiverId);
    spinner.succeed('upload complete');
    return label(GROUP_STATUS, status);
  } finally {
    spinner.stop();
  }
}

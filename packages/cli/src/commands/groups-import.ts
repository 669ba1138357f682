import { isEmailAddress } from '@ses-cli/sdk';
import type { CommandInput, CommandResult } from '../define-command.js';
import { InterruptedError, PartialFailureError, UsageError } from '../errors.js';
import { assertReadable, type RecipientRow, readRecipients, recipientFormat } from '../parse/recipients.js';
import type { Session, Wire } from '../session.js';
import { UploadStopped, type UploadTotals, uploadRows, waitIdle } from './groups-upload.js';
import { findGroup, GROUP_STATUS, label } from './shared.js';

/** The API's per-list limit for recipients. */
const LIST_MAX = 50_000;
const DATA_MAX_BYTES = 800;
const HTML = /<[A-Za-z/!?]/;
const SHOWN_PROBLEMS = 3;

/**
 * `groups import <group> <file>`: validate every row and the group's room first, then upload in
 * API-sized chunks. A chunk failing after others went in (or Ctrl-C between chunks) exits 4 with
 * the counts so far and the line to resume from.
 */
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

  await assertRoom(session, group, check.rows, file);

  const progress = session.ui.progress('uploading', check.rows);
  let totals: UploadTotals;
  try {
    totals = await uploadRows(session, receiverId, file, format, check.withData, progress);
  } catch (error) {
    progress.done();
    if (!(error instanceof UploadStopped) || error.totals.sent === 0) throw unwrap(error);
    throw stoppedPartway(error, { group: receiverId, name: group.ReceiversName, rows: check.rows });
  }
  progress.done();
  if (session.globals.dryRun) return { kind: 'message', message: 'dry run' };

  let status = 'accepted';
  if (input.opts.wait === true) status = await waitUploaded(session, receiverId);
  const result = {
    group: receiverId,
    name: group.ReceiversName,
    rows: check.rows,
    uploaded: totals.valid,
    tooLong: totals.tooLong,
    empty: totals.empty,
    repeated: totals.repeated,
    upload: status,
  };
  const output: CommandResult = { kind: 'object', value: result, json: result };
  if (totals.valid < check.rows) {
    throw new PartialFailureError(
      `${check.rows - totals.valid} of ${check.rows} row(s) were not accepted`,
      output,
    );
  }
  return output;
}

/**
 * A group holds at most {@link LIST_MAX} recipients: checked against what it holds now before a
 * single row is sent, so an import never stops half-way on the limit. A group still processing an
 * upload is waited for first (its count is not final until then).
 * @throws {UsageError} naming the group, the counts and the limit
 */
async function assertRoom(session: Session, group: Wire, rows: number, file: string): Promise<void> {
  let current = group;
  if (Number(group.ReceiversStatus ?? 3) === 2 && !session.globals.dryRun) {
    await waitIdle(session, Number(group.ReceiverId));
    current = (await findGroup(session, String(group.ReceiverId))) ?? group;
  }
  const held = Number(current.Count ?? 0);
  if (held + rows <= LIST_MAX) return;
  throw new UsageError(
    `group "${String(group.ReceiversName)}" (${String(group.ReceiverId)}) holds ${held} recipient(s); ` +
      `${rows} more from ${file} would make ${held + rows}, over the limit of ${LIST_MAX} per group; nothing uploaded`,
  );
}

/** An upload that stopped before anything went in fails as its cause did (an interruption: 130). */
function unwrap(error: unknown): unknown {
  if (!(error instanceof UploadStopped)) return error;
  return error.reason ?? new InterruptedError();
}

/** Exit 4 with what is in the group and where the rest of the file starts. */
function stoppedPartway(
  stop: UploadStopped,
  base: { group: number; name: unknown; rows: number },
): PartialFailureError {
  const { totals } = stop;
  const notSent = base.rows - totals.sent;
  const reason = stop.reason as { code?: unknown; message?: unknown } | undefined;
  const result = {
    ...base,
    uploaded: totals.valid,
    tooLong: totals.tooLong,
    empty: totals.empty,
    repeated: totals.repeated,
    sent: totals.sent,
    notSent,
    resumeAtLine: stop.resumeLine,
    upload: stop.reason === undefined ? 'interrupted' : 'failed',
    ...(stop.uncertain ? { lastChunk: 'unknown (no answer; check with groups show)' } : {}),
    error:
      reason === undefined
        ? null
        : {
            code: typeof reason.code === 'string' ? reason.code : null,
            message: String(reason.message ?? reason),
          },
  };
  const why = reason === undefined ? 'interrupted' : `the upload stopped: ${stop.message}`;
  const maybe = stop.uncertain ? ' (the chunk on its way got no answer: it may be in the group too)' : '';
  return new PartialFailureError(
    `${why}. ${totals.sent} of ${base.rows} row(s) were uploaded, ${notSent} were not${maybe}; ` +
      `import the rows from line ${stop.resumeLine} on to finish`,
    { kind: 'object', value: result, json: result } satisfies CommandResult,
  );
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

import { type RecipientRow, readRecipients } from '../parse/recipients.js';
import type { Session, Wire } from '../session.js';
import { findGroup, sleep } from './shared.js';

/** The API's per-call limit for recipient uploads. */
const CHUNK = 20_000;

/** What the service accepted so far, summed over the chunks it answered. */
export interface UploadTotals {
  /** Rows sent in chunks the service accepted. */
  sent: number;
  total: number;
  valid: number;
  tooLong: number;
  empty: number;
  repeated: number;
}

/**
 * The upload stopped before the last chunk: a call failed or Ctrl-C was pressed. Carries what went
 * in before, so the command can say exactly which rows are in the group and which are not.
 */
export class UploadStopped extends Error {
  override readonly name = 'UploadStopped';
  constructor(
    readonly totals: UploadTotals,
    /** The file line of the first row not sent (the start of the chunk that did not go in). */
    readonly resumeLine: number,
    /** Why: the failed call's error, or undefined when the run was interrupted. */
    readonly reason: unknown,
    /** The stop came while a chunk was on its way with no answer: it may or may not have gone in. */
    readonly uncertain: boolean,
  ) {
    super(reason instanceof Error ? reason.message : 'interrupted');
  }
}

/**
 * Streams the file's rows (already validated) to the group in API-sized chunks, each further chunk
 * after the previous one is processed.
 * @throws {UploadStopped} when a chunk fails or the run is interrupted between chunks
 */
export async function uploadRows(
  session: Session,
  receiverId: number,
  file: string,
  format: 'csv' | 'jsonl',
  withData: boolean,
  progress: { update(done: number): void },
): Promise<UploadTotals> {
  const totals: UploadTotals = { sent: 0, total: 0, valid: 0, tooLong: 0, empty: 0, repeated: 0 };
  const signal = session.cli.signal;
  let chunk: RecipientRow[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const resumeLine = chunk[0]?.line ?? 0;
    let writing = false;
    try {
      if (signal?.aborted) throw signal.reason;
      // The service processes an upload asynchronously and refuses the next one until it is done
      // (OperationDenied.ReceiverIsOperating), so each further chunk waits for the previous one.
      if (totals.sent > 0 && !session.globals.dryRun) await waitIdle(session, receiverId);
      if (signal?.aborted) throw signal.reason;
      writing = true;
      const out = await session.write(
        withData ? 'CreateReceiverDetailWithData' : 'CreateReceiverDetail',
        payloadOf(receiverId, chunk, withData),
      );
      totals.total += Number(out?.TotalCount ?? chunk.length);
      totals.valid += Number(out?.ValidCount ?? 0);
      totals.tooLong += Number(out?.TooLongCount ?? 0);
      totals.empty += Number(out?.EmptyEmailCount ?? 0);
      totals.repeated += Number(out?.RepeatCount ?? 0);
    } catch (error) {
      // An answer with an error code means the chunk was refused; no answer at all proves nothing.
      const answered = typeof (error as { code?: unknown } | undefined)?.code === 'string';
      const reason = signal?.aborted ? undefined : error;
      throw new UploadStopped({ ...totals }, resumeLine, reason, writing && !answered);
    }
    totals.sent += chunk.length;
    progress.update(totals.sent);
    chunk = [];
  };
  let line = 0;
  try {
    for await (const row of readRecipients(file, format)) {
      if ('problem' in row) continue;
      line = row.lastLine;
      chunk.push(row);
      if (chunk.length === CHUNK) await flush();
    }
    await flush();
  } catch (error) {
    if (error instanceof UploadStopped) throw error;
    // The file changed between the check and the upload: what went in so far still counts.
    throw new UploadStopped({ ...totals }, chunk[0]?.line ?? line + 1, error, false);
  }
  return totals;
}

function payloadOf(receiverId: number, chunk: readonly RecipientRow[], withData: boolean): Wire {
  return withData
    ? {
        ReceiverId: receiverId,
        Datas: chunk.map((r) => ({ Email: r.email, TemplateData: JSON.stringify(r.data) })),
      }
    : { ReceiverId: receiverId, Emails: chunk.map((r) => r.email) };
}

/**
 * Waits until the group has no upload in progress. Locally the upload is processed by running the
 * backend's due work right now (no polling, no sleeps); against the service, the group is polled.
 */
export async function waitIdle(session: Session, receiverId: number): Promise<number> {
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

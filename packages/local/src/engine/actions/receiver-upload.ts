import { isEmailAddress } from '@ses-cli/sdk';
import type { EngineContext, Handler } from '../context.js';
import { RECEIVER_STATUS, requireReceiver } from './receiver-common.js';
import { insertUpload, type UploadRows } from './receiver-rows.js';
import { checkTemplateDataSet } from './template-data-check.js';

/** Most addresses a recipient group may hold. */
export const MAX_RECIPIENTS_PER_GROUP = 50_000;
/** Longest address stored; longer ones are counted in `TooLongCount` and dropped. @unit characters */
const MAX_EMAIL_LENGTH = 254;
/** A UTF-16 half without its other half: no mail system can take it, and UTF-8 storage would alter it. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** The addresses of one call, trimmed and filtered, with the service's counters. */
function classify(ctx: EngineContext, receiverId: number, groupSize: number, emails: readonly string[]) {
  // Repeats count against the group's stored addresses too; a new group has none to read.
  const seen = new Set<string>();
  if (groupSize > 0) {
    const stored = ctx.db
      .prepare('SELECT email FROM receiver_details WHERE receiver_id = ?')
      .pluck()
      .all(receiverId) as string[];
    for (const email of stored) seen.add(email.toLowerCase());
  }
  const kept: string[] = [];
  const keptIndex: number[] = [];
  const invalid = new Set<number>();
  let empty = 0;
  let tooLong = 0;
  let repeat = 0;
  emails.forEach((raw, index) => {
    const email = raw.trim();
    if (email === '') {
      empty += 1;
      return;
    }
    if (email.length > MAX_EMAIL_LENGTH) {
      tooLong += 1;
      return;
    }
    const key = email.toLowerCase();
    if (seen.has(key)) repeat += 1;
    else seen.add(key);
    if (!isEmailAddress(email) || LONE_SURROGATE.test(email)) invalid.add(kept.length);
    kept.push(email);
    keptIndex.push(index);
  });
  return { kept, keptIndex, invalid, counts: { empty, tooLong, repeat } };
}

/**
 * Accepts one upload call: checks it, stores its rows (hidden) and marks the group uploading
 * (status 2); `completeUploads` (run by `runDue`) makes the rows visible. Nothing is
 * de-duplicated: repeats are stored and counted. Empty and over-long addresses are dropped and
 * counted; malformed ones are kept as invalid (status 2) with a reason. A group takes one upload at
 * a time, like the service (`OperationDenied.ReceiverIsOperating` while one is processing).
 */
function upload(
  ctx: EngineContext,
  receiverId: unknown,
  emails: readonly string[],
  templateData: readonly string[] | undefined,
) {
  // Checks that need no lock run first, so a bad call never waits for another process's write.
  const precheck = requireReceiver(ctx, receiverId);
  const verdict = templateData ? checkTemplateDataSet(templateData, precheck.dataKeys) : undefined;
  if (verdict && !verdict.ok) throw ctx.apiError(verdict.problem.code, verdict.problem.message);
  return ctx.write(() => {
    const receiver = requireReceiver(ctx, receiverId);
    if (receiver.status === RECEIVER_STATUS.uploading) {
      throw ctx.apiError(
        'OperationDenied.ReceiverIsOperating',
        `The recipient group ${receiver.id} is still processing an upload; try again once ListReceivers shows status 3.`,
      );
    }
    // Every row of a group fills the same variables: rows with data do not join rows without, nor
    // the other way round (a blank variable in half of a campaign otherwise).
    const groupHasData = (receiver.dataKeys?.length ?? 0) > 0;
    const callHasData = verdict?.ok === true && verdict.keys.length > 0;
    if (receiver.count > 0 && groupHasData !== callHasData) {
      throw ctx.apiError(
        'InvalidParameterValue.TemplateDataInconsistent',
        groupHasData
          ? `The recipient group ${receiver.id} holds TemplateData with {${receiver.dataKeys?.join(', ')}}; add recipients with CreateReceiverDetailWithData and the same variables.`
          : `The recipient group ${receiver.id} holds recipients without TemplateData; add these to a new group.`,
      );
    }
    if (templateData && receiver.dataKeys && !precheck.dataKeys) {
      // Another process made the group's first upload with data between the check and the lock.
      const again = checkTemplateDataSet(templateData.slice(0, 1), receiver.dataKeys);
      if (!again.ok) throw ctx.apiError(again.problem.code, again.problem.message);
    }
    const { kept, keptIndex, invalid, counts } = classify(ctx, receiver.id, receiver.count, emails);
    if (receiver.count + kept.length > MAX_RECIPIENTS_PER_GROUP) {
      throw ctx.apiError(
        'LimitExceeded.ReceiverDetailCountLimit',
        `The recipient group would hold ${receiver.count + kept.length} addresses; the limit is ${MAX_RECIPIENTS_PER_GROUP}.`,
      );
    }
    const rows: UploadRows = {
      emails: kept,
      data:
        templateData === undefined
          ? null
          : kept.length === emails.length
            ? templateData
            : keptIndex.map((index) => templateData[index] ?? ''),
      invalid,
    };
    const keys = verdict?.ok ? verdict.keys : undefined;
    insertUpload(ctx, receiver.id, rows, keys);
    return {
      TotalCount: emails.length,
      ValidCount: kept.length - invalid.size,
      TooLongCount: counts.tooLong,
      EmptyEmailCount: counts.empty,
      RepeatCount: counts.repeat,
    };
  });
}

const createReceiverDetail: Handler = (ctx, input) =>
  upload(ctx, input['ReceiverId'], input['Emails'] as string[], undefined);

const createReceiverDetailWithData: Handler = (ctx, input) => {
  const datas = input['Datas'] as { Email: string; TemplateData: string }[];
  return upload(
    ctx,
    input['ReceiverId'],
    datas.map((d) => d.Email),
    datas.map((d) => d.TemplateData),
  );
};

/** Recipient-upload actions. */
export const uploadHandlers: Record<string, Handler> = {
  CreateReceiverDetail: createReceiverDetail,
  CreateReceiverDetailWithData: createReceiverDetailWithData,
};

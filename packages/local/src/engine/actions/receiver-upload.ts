import { isEmailAddress } from '@ses-cli/sdk';
import type { EngineContext, Handler } from '../context.js';
import { RECEIVER_STATUS, requireReceiver } from './receiver-common.js';

/** Most addresses a recipient group may hold. */
export const MAX_RECIPIENTS_PER_GROUP = 50_000;
/** Longest address stored; longer ones are counted in `TooLongCount` and dropped. @unit characters */
const MAX_EMAIL_LENGTH = 254;
/** Per-recipient `TemplateData` cap. @unit bytes (UTF-8) */
const MAX_TEMPLATE_DATA_BYTES = 800;
/** Markup opener: `<` followed by a letter, `/`, `!` or `?` (a bare `a < b` is text). */
const HTML_MARKUP = /<[A-Za-z/!?]/;

interface UploadItem {
  email: string;
  templateData: string | null;
}

/**
 * Checks every `TemplateData` of a `CreateReceiverDetailWithData` call: a flat JSON object of
 * string/number values without HTML, ≤ 800 bytes, and the same variable names throughout the call
 * and as the group's first upload. Returns the names.
 */
function checkTemplateData(
  ctx: EngineContext,
  items: readonly UploadItem[],
  groupKeys: readonly string[] | undefined,
) {
  let expected: string | undefined = groupKeys ? [...groupKeys].sort().join('\u0000') : undefined;
  let keys: string[] = groupKeys ? [...groupKeys] : [];
  let lastOrder: string | undefined;
  items.forEach((item, index) => {
    const text = item.templateData ?? '';
    if (Buffer.byteLength(text, 'utf8') > MAX_TEMPLATE_DATA_BYTES) {
      throw ctx.apiError(
        'InvalidParameterValue.TemplateDataLenLimit',
        `Datas.${index}.TemplateData is longer than ${MAX_TEMPLATE_DATA_BYTES} bytes.`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw ctx.apiError(
        'InvalidParameterValue.TemplateDataError',
        `Datas.${index}.TemplateData is not a JSON object.`,
      );
    }
    const entries = Object.entries(parsed);
    for (const [key, value] of entries) {
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw ctx.apiError(
          'InvalidParameterValue.TemplateDataError',
          `Datas.${index}.TemplateData: the value of "${key}" must be a string or a number.`,
        );
      }
      if (typeof value === 'string' && HTML_MARKUP.test(value)) {
        throw ctx.apiError(
          'InvalidParameterValue.InValidTemplateData',
          `Datas.${index}.TemplateData: the value of "${key}" contains HTML.`,
        );
      }
    }
    const names = entries.map(([key]) => key);
    const inOrder = names.join('\u0000');
    // Rows nearly always list their keys in one order; sort only when this row's order is new.
    if (inOrder !== lastOrder) {
      const sorted = [...names].sort().join('\u0000');
      if (expected === undefined) {
        expected = sorted;
        keys = names;
      } else if (sorted !== expected) {
        throw ctx.apiError(
          'InvalidParameterValue.TemplateDataInconsistent',
          `Datas.${index}.TemplateData has variables {${names.join(', ')}}; the group uses {${keys.join(', ')}}.`,
        );
      }
      lastOrder = inOrder;
    }
  });
  return keys;
}

/**
 * Stores one upload call's addresses as pending rows and marks the group uploading (status 2);
 * `processUploads` (run by `runDue`) completes it. Nothing is de-duplicated: repeats are stored
 * and counted. Empty and over-long addresses are dropped and counted; malformed ones are kept
 * as invalid (status 2) with a reason. All rows go in through one prepared statement in one
 * transaction, which keeps a 50,000-row upload fast.
 */
function upload(ctx: EngineContext, receiverId: unknown, items: UploadItem[], withData: boolean) {
  const precheck = requireReceiver(ctx, receiverId);
  const dataKeys = withData ? checkTemplateData(ctx, items, precheck.dataKeys) : undefined;
  return ctx.write(() => {
    const receiver = requireReceiver(ctx, receiverId);
    if (receiver.status === RECEIVER_STATUS.uploading) {
      throw ctx.apiError(
        'OperationDenied.ReceiverIsOperating',
        `The recipient group ${receiver.id} is still processing an upload; try again once ListReceivers shows status 3.`,
      );
    }
    if (withData && receiver.dataKeys && dataKeys) {
      // Another process may have made the first upload with data between the check and the lock.
      checkTemplateData(ctx, items.slice(0, 1), receiver.dataKeys);
    }
    const seen = new Set(
      (
        ctx.db
          .prepare('SELECT email FROM receiver_details WHERE receiver_id = ?')
          .pluck()
          .all(receiver.id) as string[]
      ).map((e) => e.toLowerCase()),
    );
    let empty = 0;
    let tooLong = 0;
    let repeat = 0;
    let valid = 0;
    const rows: [string, string | null, number, string][] = [];
    for (const item of items) {
      const email = item.email.trim();
      if (email === '') {
        empty += 1;
        continue;
      }
      if (email.length > MAX_EMAIL_LENGTH) {
        tooLong += 1;
        continue;
      }
      const key = email.toLowerCase();
      if (seen.has(key)) repeat += 1;
      else seen.add(key);
      const ok = isEmailAddress(email);
      if (ok) valid += 1;
      rows.push([email, item.templateData, ok ? 1 : 2, ok ? '' : 'invalid email address format']);
    }
    if (receiver.count + rows.length > MAX_RECIPIENTS_PER_GROUP) {
      throw ctx.apiError(
        'LimitExceeded.ReceiverDetailCountLimit',
        `The recipient group would hold ${receiver.count + rows.length} addresses; the limit is ${MAX_RECIPIENTS_PER_GROUP}.`,
      );
    }
    const now = ctx.now().getTime();
    const insert = ctx.db.prepare(
      'INSERT INTO receiver_details (receiver_id, email, template_data, status, reason, pending, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)',
    );
    for (const [email, data, status, reason] of rows)
      insert.run(receiver.id, email, data, status, reason, now);
    ctx.db
      .prepare('UPDATE receivers SET status = ?, data_keys = COALESCE(data_keys, ?) WHERE id = ?')
      .run(RECEIVER_STATUS.uploading, dataKeys ? JSON.stringify(dataKeys) : null, receiver.id);
    return {
      TotalCount: items.length,
      ValidCount: valid,
      TooLongCount: tooLong,
      EmptyEmailCount: empty,
      RepeatCount: repeat,
    };
  });
}

/**
 * Completes every pending upload: its rows become visible and the group reaches status 3.
 * Returns how many groups completed.
 */
export function processUploads(ctx: EngineContext): number {
  return ctx.write(() => {
    const ids = ctx.db
      .prepare('SELECT id FROM receivers WHERE status = ?')
      .pluck()
      .all(RECEIVER_STATUS.uploading) as number[];
    const reveal = ctx.db.prepare(
      'UPDATE receiver_details SET pending = 0 WHERE receiver_id = ? AND pending = 1',
    );
    const complete = ctx.db.prepare('UPDATE receivers SET status = ? WHERE id = ?');
    for (const id of ids) {
      reveal.run(id);
      complete.run(RECEIVER_STATUS.complete, id);
    }
    return ids.length;
  });
}

const createReceiverDetail: Handler = (ctx, input) =>
  upload(
    ctx,
    input['ReceiverId'],
    (input['Emails'] as string[]).map((email) => ({ email, templateData: null })),
    false,
  );

const createReceiverDetailWithData: Handler = (ctx, input) =>
  upload(
    ctx,
    input['ReceiverId'],
    (input['Datas'] as { Email: string; TemplateData: string }[]).map((d) => ({
      email: d.Email,
      templateData: d.TemplateData,
    })),
    true,
  );

/** Recipient-upload actions. */
export const uploadHandlers: Record<string, Handler> = {
  CreateReceiverDetail: createReceiverDetail,
  CreateReceiverDetailWithData: createReceiverDetailWithData,
};

import { ValidationError } from '../core/errors.js';
import type { RecipientInput, UploadCounts } from './recipient-groups.types.js';
import { serializeTemplateData } from './shared/template-data.js';

/**
 * One upload call's worth of recipients: plain addresses (`CreateReceiverDetail`) or addresses with
 * template data (`CreateReceiverDetailWithData`).
 */
export type Chunk =
  | { readonly mode: 'plain'; readonly emails: string[] }
  | { readonly mode: 'data'; readonly datas: { Email: string; TemplateData: string }[] };

/** Recipients in a chunk. */
export function chunkSize(chunk: Chunk): number {
  return chunk.mode === 'plain' ? chunk.emails.length : chunk.datas.length;
}

/** An empty chunk of the same kind, for the next call. */
export function emptyLike(chunk: Chunk): Chunk {
  return chunk.mode === 'plain' ? { mode: 'plain', emails: [] } : { mode: 'data', datas: [] };
}

/** Counters before the first chunk. */
export const ZERO_COUNTS: UploadCounts = {
  totalCount: 0,
  validCount: 0,
  tooLongCount: 0,
  emptyEmailCount: 0,
  repeatCount: 0,
};

/** Sums the service's counters of two uploads. */
export function addCounts(a: UploadCounts, b: UploadCounts): UploadCounts {
  return {
    totalCount: a.totalCount + b.totalCount,
    validCount: a.validCount + b.validCount,
    tooLongCount: a.tooLongCount + b.tooLongCount,
    emptyEmailCount: a.emptyEmailCount + b.emptyEmailCount,
    repeatCount: a.repeatCount + b.repeatCount,
  };
}

/** Adds one recipient to the current chunk; the first recipient decides plain vs with-data. */
export function append(chunk: Chunk | undefined, recipient: RecipientInput, index: number): Chunk {
  const field = `recipients.${index}`;
  const email = typeof recipient === 'string' ? recipient : recipient?.email;
  if (typeof email !== 'string') throw new ValidationError(field, 'must be an address or { email, data? }');
  const data = typeof recipient === 'string' ? undefined : recipient.data;
  const mode = data === undefined ? 'plain' : 'data';
  const current: Chunk = chunk ?? (mode === 'plain' ? { mode, emails: [] } : { mode, datas: [] });
  if (current.mode !== mode) {
    throw new ValidationError(
      field,
      `has ${mode === 'data' ? '' : 'no '}data unlike the recipients before it: every recipient of an upload must carry data, or none`,
    );
  }
  if (current.mode === 'plain') current.emails.push(email);
  else current.datas.push({ Email: email, TemplateData: serializeTemplateData(data, `${field}.data`) });
  return current;
}

import type { RequestOptions } from '../client.js';
import type { TemplateData } from '../helpers/template.js';
import type { DateInput } from './shared/dates.js';
import type { ListParams } from './shared/list.js';

/** Upload state of a recipient group; a batch send needs `complete`. */
export type RecipientGroupStatus = 'pending' | 'uploading' | 'complete';

/** A recipient group (`ListReceivers` item). */
export interface RecipientGroup {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  /** Addresses in the group. */
  readonly count: number;
  readonly invalidCount: number;
  /** `'unknown'` for a code this SDK does not know; see `statusCode`. */
  readonly status: RecipientGroupStatus | 'unknown';
  /** The raw `ReceiversStatus`: `1` awaiting upload · `2` uploading · `3` complete. */
  readonly statusCode: number;
  readonly createdAt: Date | undefined;
}

/** Parameters of `recipientGroups.create`. */
export interface RecipientGroupCreateParams {
  readonly name: string;
  /** 1–300 characters, no special characters. */
  readonly description?: string | undefined;
}

/** Result of `recipientGroups.create`. */
export interface RecipientGroupCreateResult {
  /** The new group's id (`ReceiverId`). */
  readonly id: number;
  readonly requestId: string;
}

/** Filters of `recipientGroups.list`. */
export interface RecipientGroupListParams extends ListParams {
  readonly status?: RecipientGroupStatus | undefined;
  /** Fuzzy match on the group name. */
  readonly keyword?: string | undefined;
}

/** One recipient to upload: an address, or an address with its own template values. */
export type RecipientInput = string | { readonly email: string; readonly data?: TemplateData | undefined };

/** Progress of `recipientGroups.addRecipients`, reported after each chunk. */
export interface UploadProgress extends UploadCounts {
  /** Recipients sent so far. */
  readonly sent: number;
  /**
   * Upload calls accepted so far: one per chunk. A call refused because the group was still busy
   * (`OperationDenied.ReceiverIsOperating`) took nothing and is repeated; only the accepted one counts.
   */
  readonly calls: number;
}

/** Counters the service returns for an upload, summed across chunks. */
export interface UploadCounts {
  readonly totalCount: number;
  /** Addresses actually added. */
  readonly validCount: number;
  readonly tooLongCount: number;
  readonly emptyEmailCount: number;
  readonly repeatCount: number;
}

/** Options of `recipientGroups.addRecipients`. */
export interface AddRecipientsOptions extends RequestOptions {
  /** Called after each chunk is accepted. */
  readonly onProgress?: ((progress: UploadProgress) => void) | undefined;
  /** Recipients per call. @default 20000 (the API's maximum) */
  readonly chunkSize?: number | undefined;
  /** How to wait while the service still processes the previous chunk. */
  readonly wait?: WaitOptions | undefined;
}

/** Options of `recipientGroups.waitUntilUploaded`. */
export interface WaitOptions {
  /** Pause between status checks. @unit milliseconds @default 1000 */
  readonly intervalMs?: number | undefined;
  /** Give up after this long. @unit milliseconds @default 300000 */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Validity of one address in a group. */
export type RecipientStatus = 'valid' | 'invalid';

/** One address of a group (`ListReceiverDetails` item). */
export interface Recipient {
  readonly id: number;
  readonly email: string;
  /** Its template values, when uploaded with data. */
  readonly data: Readonly<Record<string, string>> | undefined;
  readonly status: RecipientStatus | 'unknown';
  /** The raw `Status`: `1` valid · `2` invalid. */
  readonly statusCode: number;
  /** Why the address is invalid. */
  readonly reason: string | undefined;
  readonly createdAt: Date | undefined;
}

/** Filters of `recipientGroups.listRecipients`. */
export interface RecipientListParams extends ListParams {
  /** Fuzzy match on the address (≤ 50 characters). */
  readonly email?: string | undefined;
  readonly status?: RecipientStatus | undefined;
  /** Added at or after: a `Date`, `YYYY-MM-DD HH:mm:ss` in UTC+8, or a whole day `YYYY-MM-DD`. */
  readonly createdFrom?: DateInput | undefined;
  /** Added at or before (same forms; a day includes all of it). */
  readonly createdTo?: DateInput | undefined;
}

/** Counts `ListReceiverDetails` returns next to each page. */
export interface RecipientListMeta {
  readonly validCount: number | undefined;
  readonly invalidCount: number | undefined;
}

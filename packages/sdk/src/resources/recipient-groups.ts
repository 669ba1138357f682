import type { RequestOptions } from '../client.js';
import { ApiError, NotFoundError, TimeoutError, ValidationError } from '../core/errors.js';
import type { PagePromise } from '../core/pagination.js';
import {
  MAX_RECIPIENTS_PER_UPLOAD,
  type WireReceiverData,
  type WireReceiverDetail,
} from '../operations/receivers.js';
import type {
  AddRecipientsOptions,
  Recipient,
  RecipientGroup,
  RecipientGroupCreateParams,
  RecipientGroupCreateResult,
  RecipientGroupListParams,
  RecipientGroupStatus,
  RecipientInput,
  RecipientListMeta,
  RecipientListParams,
  RecipientStatus,
  UploadCounts,
  UploadProgress,
  WaitOptions,
} from './recipient-groups.types.js';
import { addCounts, append, type Chunk, chunkSize, emptyLike, ZERO_COUNTS } from './recipient-upload.js';
import { type CodeTable, codeOf, nameOf } from './shared/codes.js';
import { compact } from './shared/compact.js';
import { fromWireDateTime, toWireDateOrDateTime } from './shared/dates.js';
import { noMeta } from './shared/list.js';
import { Resource } from './shared/resource.js';
import type { RequestIdResult } from './shared/results.js';
import { sleep } from './shared/sleep.js';
import { parseTemplateData } from './shared/template-data.js';

export type * from './recipient-groups.types.js';

const GROUP_STATUS: CodeTable<RecipientGroupStatus> = { 1: 'pending', 2: 'uploading', 3: 'complete' };
const RECIPIENT_STATUS: CodeTable<RecipientStatus> = { 1: 'valid', 2: 'invalid' };
const BUSY = 'OperationDenied.ReceiverIsOperating';
const DEFAULT_INTERVAL_MS = 1_000;
const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * Recipient groups (the API's "receivers"): `CreateReceiver`, `ListReceivers`, `DeleteReceiver`,
 * `CreateReceiverDetail`, `CreateReceiverDetailWithData`, `ListReceiverDetails`.
 */
export class RecipientGroups extends Resource {
  protected override readonly fieldNames = {
    ReceiverId: 'groupId',
    ReceiversName: 'name',
    Desc: 'description',
    Emails: 'recipients',
    Datas: 'recipients',
    Email: 'email',
    CreateTimeBegin: 'createdFrom',
    CreateTimeEnd: 'createdTo',
    KeyWord: 'keyword',
  };

  /** Creates an empty group. */
  async create(
    params: RecipientGroupCreateParams,
    options?: RequestOptions,
  ): Promise<RecipientGroupCreateResult> {
    const out = await this.invoke(
      'CreateReceiver',
      compact({ ReceiversName: params.name, Desc: params.description }),
      options,
    );
    return { id: out.ReceiverId ?? 0, requestId: out.RequestId };
  }

  /** Lists groups, optionally by upload status or a fuzzy name match. */
  list(params: RecipientGroupListParams = {}, options?: RequestOptions): PagePromise<RecipientGroup> {
    return this.pages(
      'ListReceivers',
      params,
      {
        input: ({ offset, limit }) =>
          compact({
            Offset: offset,
            Limit: limit,
            Status: params.status === undefined ? undefined : groupStatusCode(params.status),
            KeyWord: params.keyword,
          }),
        item: (wire: WireReceiverData) => toRecipientGroup(wire, this.timeZone),
        meta: noMeta,
      },
      options,
    );
  }

  /**
   * Finds one group by id. The API has no "get receiver" action, so this pages through `list()`.
   * @throws {NotFoundError} `OperationDenied.ReceiverNotExist` when no group has that id
   */
  async get(id: number, options?: RequestOptions): Promise<RecipientGroup> {
    for await (const group of this.list({}, options)) if (group.id === id) return group;
    throw new NotFoundError({
      code: 'OperationDenied.ReceiverNotExist',
      message: `no recipient group with id ${id}`,
      action: 'ListReceivers',
    });
  }

  /** Deletes a group and every address in it. */
  async delete(id: number, options?: RequestOptions): Promise<RequestIdResult> {
    const out = await this.invoke('DeleteReceiver', { ReceiverId: id }, options);
    return { requestId: out.RequestId };
  }

  /**
   * Uploads recipients from any iterable or async iterable (an array, a generator reading a CSV…),
   * in chunks of up to 20,000 per call. Plain addresses go through `CreateReceiverDetail`, addresses
   * with `data` through `CreateReceiverDetailWithData`; one upload must not mix the two, because the
   * service requires every recipient of a group to carry the same variables.
   *
   * The service processes each chunk asynchronously; when it answers "still processing" the next
   * chunk waits for the group to finish (see `options.wait`). Chunks already accepted stay uploaded
   * if a later one fails. The service does not de-duplicate.
   *
   * @returns the service's counters summed over all chunks, with the number of calls made
   * @throws {ValidationError} `recipients.<index>` / `recipients.<index>.data` for a bad entry
   * @example
   * await ses.recipientGroups.addRecipients(12, ['a@example.com', { email: 'b@example.com', data: { name: 'Bo' } }])
   */
  async addRecipients(
    groupId: number,
    recipients: Iterable<RecipientInput> | AsyncIterable<RecipientInput>,
    options: AddRecipientsOptions = {},
  ): Promise<UploadProgress> {
    const limit = options.chunkSize ?? MAX_RECIPIENTS_PER_UPLOAD;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECIPIENTS_PER_UPLOAD) {
      throw new ValidationError('chunkSize', `must be an integer from 1 to ${MAX_RECIPIENTS_PER_UPLOAD}`);
    }
    let progress: UploadProgress = { ...ZERO_COUNTS, sent: 0, calls: 0 };
    let chunk: Chunk | undefined;
    let index = 0;
    const flush = async (full: Chunk) => {
      const counts = await this.#upload(groupId, full, options);
      progress = {
        ...addCounts(progress, counts),
        sent: progress.sent + chunkSize(full),
        calls: progress.calls + 1,
      };
      options.onProgress?.(progress);
    };
    for await (const recipient of recipients) {
      chunk = append(chunk, recipient, index++);
      if (chunkSize(chunk) === limit) {
        await flush(chunk);
        chunk = emptyLike(chunk);
      }
    }
    if (chunk && chunkSize(chunk) > 0) await flush(chunk);
    return progress;
  }

  /**
   * Polls a group until its upload is complete (status `3`), which a batch send requires.
   * @throws {TimeoutError} not complete within `timeoutMs`
   * @throws {AbortError} `signal` fired
   */
  async waitUntilUploaded(id: number, options: WaitOptions = {}): Promise<RecipientGroup> {
    const interval = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const request = options.signal ? { signal: options.signal } : {};
    for (;;) {
      const group = await this.get(id, request);
      if (group.status === 'complete') return group;
      if (Date.now() + interval > deadline) {
        throw new TimeoutError(
          `recipient group ${id} still "${group.status}" after ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`,
        );
      }
      await sleep(interval, options.signal);
    }
  }

  /** Lists the addresses of a group; each page also carries the group's valid/invalid counts. */
  listRecipients(
    groupId: number,
    params: RecipientListParams = {},
    options?: RequestOptions,
  ): PagePromise<Recipient, RecipientListMeta> {
    // Built per page so a bad filter rejects the returned promise instead of throwing here.
    const input = () =>
      compact({
        ReceiverId: groupId,
        Email: params.email,
        Status: params.status === undefined ? undefined : recipientStatusCode(params.status),
        CreateTimeBegin:
          params.createdFrom === undefined
            ? undefined
            : toWireDateOrDateTime(params.createdFrom, 'createdFrom', this.timeZone),
        CreateTimeEnd:
          params.createdTo === undefined
            ? undefined
            : toWireDateOrDateTime(params.createdTo, 'createdTo', this.timeZone),
      });
    return this.pages(
      'ListReceiverDetails',
      params,
      {
        input: ({ offset, limit }) => ({ ...input(), Offset: offset, Limit: limit }),
        item: (wire: WireReceiverDetail) => toRecipient(wire, this.timeZone),
        meta: (out) => ({ validCount: out.ValidCount, invalidCount: out.InvalidCount }),
      },
      options,
    );
  }

  async #upload(groupId: number, chunk: Chunk, options: AddRecipientsOptions): Promise<UploadCounts> {
    const request = compact({
      signal: options.signal,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
    });
    const deadline = Date.now() + (options.wait?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    for (;;) {
      try {
        const out =
          chunk.mode === 'plain'
            ? await this.invoke(
                'CreateReceiverDetail',
                { ReceiverId: groupId, Emails: chunk.emails },
                request,
              )
            : await this.invoke(
                'CreateReceiverDetailWithData',
                { ReceiverId: groupId, Datas: chunk.datas },
                request,
              );
        return {
          totalCount: out.TotalCount ?? 0,
          validCount: out.ValidCount ?? 0,
          tooLongCount: out.TooLongCount ?? 0,
          emptyEmailCount: out.EmptyEmailCount ?? 0,
          repeatCount: out.RepeatCount ?? 0,
        };
      } catch (error) {
        // The previous chunk is still being processed; nothing of this one was taken, so repeat it.
        if (!(error instanceof ApiError && error.code === BUSY) || Date.now() >= deadline) throw error;
        await sleep(options.wait?.intervalMs ?? DEFAULT_INTERVAL_MS, options.signal);
        await this.waitUntilUploaded(groupId, compact({ ...options.wait, signal: options.signal }));
      }
    }
  }
}

function groupStatusCode(status: RecipientGroupStatus): 1 | 2 | 3 {
  const code = codeOf(GROUP_STATUS, status);
  if (code === undefined) throw new ValidationError('status', 'must be pending, uploading or complete');
  return code as 1 | 2 | 3;
}

function recipientStatusCode(status: RecipientStatus): 1 | 2 {
  const code = codeOf(RECIPIENT_STATUS, status);
  if (code === undefined) throw new ValidationError('status', 'must be valid or invalid');
  return code as 1 | 2;
}

function toRecipientGroup(wire: WireReceiverData, timeZone: string): RecipientGroup {
  const statusCode = wire.ReceiversStatus ?? 0;
  return {
    id: wire.ReceiverId ?? 0,
    name: wire.ReceiversName ?? '',
    description: wire.Desc ?? '',
    count: wire.Count ?? 0,
    invalidCount: wire.InvalidCount ?? 0,
    status: nameOf(GROUP_STATUS, statusCode),
    statusCode,
    createdAt: fromWireDateTime(wire.CreateTime, timeZone),
  };
}

function toRecipient(wire: WireReceiverDetail, timeZone: string): Recipient {
  const statusCode = wire.Status ?? 0;
  return {
    id: wire.EmailId ?? 0,
    email: wire.Email ?? '',
    data: parseTemplateData(wire.TemplateData),
    status: nameOf(RECIPIENT_STATUS, statusCode),
    statusCode,
    reason: wire.Reason || undefined,
    createdAt: fromWireDateTime(wire.CreateTime, timeZone),
  };
}

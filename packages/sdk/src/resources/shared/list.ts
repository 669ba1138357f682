import type { RequestOptions, SesClient } from '../../client.js';
import { ValidationError } from '../../core/errors.js';
import { PagePromise, type PageRequest, readListPage } from '../../core/pagination.js';
import { type ActionName, operations, type WireInput, type WireOutput } from '../../operations/index.js';
import { withFieldNames } from './field-names.js';

/** Which page a `list()` call starts at. */
export interface ListParams {
  /** Items to skip. @default 0 */
  readonly offset?: number | undefined;
  /** Items per page (also the page size while iterating). @default 100 (the API's maximum) */
  readonly limit?: number | undefined;
}

/** How one resource list maps to its wire action. */
export interface ListSpec<A extends ActionName, W, T, M> {
  /** The wire input for one page. */
  readonly input: (page: PageRequest) => WireInput<A>;
  /** Wire item → public item. */
  readonly item: (wire: W) => T;
  /** Extra fields of the whole response, e.g. the valid/invalid counts of ListReceiverDetails. */
  readonly meta: (output: WireOutput<A>) => M;
  /** @default 100 */
  readonly maxLimit?: number;
  /** Wire field → public name, for validation errors (see `Resource.fieldNames`). */
  readonly fieldNames?: Readonly<Record<string, string>>;
}

const DEFAULT_LIMIT = 100;

/**
 * Builds the `PagePromise` of a list action. The action's declared list shape says where the items
 * and the total are, so every list pages the same way.
 * @throws {ValidationError} `offset` / `limit` out of range (raised when the page is fetched)
 */
export function listAction<A extends ActionName, W, T, M>(
  client: SesClient,
  action: A,
  params: ListParams,
  spec: ListSpec<A, W, T, M>,
  options?: RequestOptions,
): PagePromise<T, M> {
  const shape = operations[action].list;
  if (!shape) throw new TypeError(`${action} is not a list action`);
  const maxLimit = spec.maxLimit ?? DEFAULT_LIMIT;
  const first = { offset: params.offset ?? 0, limit: params.limit ?? Math.min(DEFAULT_LIMIT, maxLimit) };
  return new PagePromise(async (page) => {
    checkPage(page, maxLimit);
    const output = await withFieldNames(spec.fieldNames ?? {}, () =>
      client.invoke(action, spec.input(page), options),
    );
    const { items, totalCount } = readListPage(shape, output);
    return {
      // The shape names the key; the schema behind it is the one the mapper was written for.
      items: (items as readonly W[]).map(spec.item),
      totalCount,
      meta: spec.meta(output),
      requestId: output.RequestId,
    };
  }, first);
}

function checkPage(page: PageRequest, maxLimit: number): void {
  if (!Number.isInteger(page.offset) || page.offset < 0) {
    throw new ValidationError('offset', 'must be a non-negative integer');
  }
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > maxLimit) {
    throw new ValidationError('limit', `must be an integer from 1 to ${maxLimit}`);
  }
}

/** `meta` for lists that have no extra fields. */
export const noMeta = (): undefined => undefined;

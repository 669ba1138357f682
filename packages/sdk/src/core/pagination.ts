import type { ListShape } from '../operations/operation.js';

/** Which slice of a list to fetch. */
export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

/** One fetched slice, already mapped to public items. */
export interface PageData<T, M = undefined> {
  readonly items: readonly T[];
  /** Total number of items across all pages, when the action reports it. */
  readonly totalCount: number | undefined;
  /** Extra fields some list actions return next to the items (e.g. valid/invalid counts). */
  readonly meta: M;
  readonly requestId: string;
}

/** Fetches one slice. Each resource's `list()` supplies one; it is called once per page. */
export type PageFetcher<T, M = undefined> = (request: PageRequest) => Promise<PageData<T, M>>;

/**
 * One page of an `Offset`/`Limit` list. Also async-iterable over every item from this page on,
 * fetching the following pages as needed.
 */
export class OffsetPage<T, M = undefined> implements AsyncIterable<T> {
  readonly items: readonly T[];
  /** Total across all pages; `undefined` for actions that do not report one (paged until a short page). */
  readonly totalCount: number | undefined;
  readonly offset: number;
  readonly limit: number;
  readonly meta: M;
  readonly requestId: string;
  readonly #fetch: PageFetcher<T, M>;

  constructor(data: PageData<T, M>, request: PageRequest, fetch: PageFetcher<T, M>) {
    this.items = data.items;
    this.totalCount = data.totalCount;
    this.meta = data.meta;
    this.requestId = data.requestId;
    this.offset = request.offset;
    this.limit = request.limit;
    this.#fetch = fetch;
  }

  /**
   * True when another page may hold items. With a total: `offset + items.length < totalCount`.
   * Without one (e.g. GetSendEmailStatus): the page came back full.
   */
  hasNextPage(): boolean {
    if (this.items.length === 0) return false;
    if (this.totalCount !== undefined) return this.offset + this.items.length < this.totalCount;
    return this.items.length >= this.limit;
  }

  /** Fetches the page after this one. @throws {RangeError} when {@link hasNextPage} is false */
  async getNextPage(): Promise<OffsetPage<T, M>> {
    if (!this.hasNextPage()) throw new RangeError('no next page: this is the last page of the list');
    const request = { offset: this.offset + this.items.length, limit: this.limit };
    return new OffsetPage(await this.#fetch(request), request, this.#fetch);
  }

  /** Yields this page, then each following page, fetching lazily. */
  async *iterPages(): AsyncGenerator<OffsetPage<T, M>, void, undefined> {
    let page: OffsetPage<T, M> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.iterPages()) yield* page.items;
  }
}

/**
 * What every `list()` returns: await it for the first page, or `for await` it for every item across
 * all pages. The first request is sent when it is first awaited or iterated, then shared.
 *
 * @example
 * const page = await ses.templates.list({ limit: 50 });
 * for await (const template of ses.templates.list()) console.log(template.name);
 */
export class PagePromise<T, M = undefined> implements PromiseLike<OffsetPage<T, M>>, AsyncIterable<T> {
  readonly #fetch: PageFetcher<T, M>;
  readonly #request: PageRequest;
  #first: Promise<OffsetPage<T, M>> | undefined;

  constructor(fetch: PageFetcher<T, M>, request: PageRequest) {
    this.#fetch = fetch;
    this.#request = request;
  }

  #page(): Promise<OffsetPage<T, M>> {
    this.#first ??= this.#fetch(this.#request).then(
      (data) => new OffsetPage(data, this.#request, this.#fetch),
    );
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: PagePromise is deliberately a thenable so `await list()` works.
  then<R1 = OffsetPage<T, M>, R2 = never>(
    onfulfilled?: ((value: OffsetPage<T, M>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#page().then(onfulfilled, onrejected);
  }

  catch<R = never>(
    onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<OffsetPage<T, M> | R> {
    return this.#page().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<OffsetPage<T, M>> {
    return this.#page().finally(onfinally);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    yield* await this.#page();
  }
}

/**
 * Reads a list action's wire output using its declared {@link ListShape}, so resources never touch
 * the per-action item keys (`TemplatesMetadata`, `Data`, `EmailStatusList`, …).
 */
export function readListPage(
  shape: ListShape,
  response: Readonly<Record<string, unknown>>,
): { items: readonly unknown[]; totalCount: number | undefined } {
  const items = response[shape.itemsKey];
  const total = shape.totalKey === undefined ? undefined : response[shape.totalKey];
  return {
    items: Array.isArray(items) ? items : [],
    totalCount: typeof total === 'number' ? total : undefined,
  };
}

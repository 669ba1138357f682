import { describe, expect, it } from 'vitest';
import { type PageFetcher, PagePromise, type PageRequest, readListPage } from './pagination.js';

/** A fetcher over an in-memory list that records every request it answers. */
function listOf(count: number, options: { reportTotal?: boolean } = {}) {
  const all = Array.from({ length: count }, (_, i) => `item-${i}`);
  const requests: PageRequest[] = [];
  const fetch: PageFetcher<string> = async (request) => {
    requests.push(request);
    return {
      items: all.slice(request.offset, request.offset + request.limit),
      totalCount: options.reportTotal === false ? undefined : all.length,
      meta: undefined,
      requestId: `req-${requests.length}`,
    };
  };
  return { all, requests, fetch };
}

describe('PagePromise / OffsetPage', () => {
  it('awaits to the first page with its position and total', async () => {
    const { fetch, requests } = listOf(7);
    const page = await new PagePromise(fetch, { offset: 0, limit: 3 });
    expect(page.items).toEqual(['item-0', 'item-1', 'item-2']);
    expect(page).toMatchObject({ totalCount: 7, offset: 0, limit: 3, requestId: 'req-1' });
    expect(page.hasNextPage()).toBe(true);
    expect(requests).toEqual([{ offset: 0, limit: 3 }]);
  });

  it('walks pages with getNextPage until a short last page', async () => {
    const { fetch, requests } = listOf(7);
    const first = await new PagePromise(fetch, { offset: 0, limit: 3 });
    const second = await first.getNextPage();
    const third = await second.getNextPage();
    expect(second.items).toEqual(['item-3', 'item-4', 'item-5']);
    expect(third.items).toEqual(['item-6']);
    expect(third.offset).toBe(6);
    expect(third.hasNextPage()).toBe(false);
    await expect(third.getNextPage()).rejects.toThrow(RangeError);
    expect(requests.map((r) => r.offset)).toEqual([0, 3, 6]);
  });

  it('iterates every item across pages with for await, without awaiting first', async () => {
    const { fetch, all, requests } = listOf(10);
    const seen: string[] = [];
    for await (const item of new PagePromise(fetch, { offset: 0, limit: 4 })) seen.push(item);
    expect(seen).toEqual(all);
    expect(requests.map((r) => r.offset)).toEqual([0, 4, 8]);
  });

  it('iterPages yields each page once', async () => {
    const { fetch } = listOf(5);
    const page = await new PagePromise(fetch, { offset: 0, limit: 2 });
    const sizes: number[] = [];
    for await (const p of page.iterPages()) sizes.push(p.items.length);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('pages until a short page when the action reports no total', async () => {
    const { fetch, all, requests } = listOf(6, { reportTotal: false });
    const seen: string[] = [];
    for await (const item of new PagePromise(fetch, { offset: 0, limit: 3 })) seen.push(item);
    expect(seen).toEqual(all);
    // 3 + 3 are full pages, so a third request is needed to learn the list ended.
    expect(requests.map((r) => r.offset)).toEqual([0, 3, 6]);
  });

  it('handles an empty list with one request and no next page', async () => {
    const { fetch, requests } = listOf(0);
    const page = await new PagePromise(fetch, { offset: 0, limit: 10 });
    expect(page.items).toEqual([]);
    expect(page.hasNextPage()).toBe(false);
    const seen: string[] = [];
    for await (const item of page) seen.push(item);
    expect(seen).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('starts from the requested offset and shares the first request', async () => {
    const { fetch, requests } = listOf(5);
    const promise = new PagePromise(fetch, { offset: 2, limit: 2 });
    const [a, b] = await Promise.all([promise, promise]);
    expect(a).toBe(b);
    expect(a.items).toEqual(['item-2', 'item-3']);
    expect(requests).toHaveLength(1);
  });

  it('propagates a failed fetch to await and to iteration', async () => {
    const failing: PageFetcher<string> = async () => {
      throw new Error('boom');
    };
    await expect(new PagePromise(failing, { offset: 0, limit: 1 })).rejects.toThrow('boom');
    const iterate = async () => {
      for await (const _ of new PagePromise(failing, { offset: 0, limit: 1 })) {
        // unreachable: the first fetch fails
      }
    };
    await expect(iterate()).rejects.toThrow('boom');
  });
});

describe('readListPage', () => {
  it('reads items and total from the declared wire keys', () => {
    const page = readListPage(
      { itemsKey: 'TemplatesMetadata', totalKey: 'TotalCount' },
      { TemplatesMetadata: [{ TemplateID: 1 }], TotalCount: 9 },
    );
    expect(page).toEqual({ items: [{ TemplateID: 1 }], totalCount: 9 });
  });

  it('treats a missing array as empty and a missing total as unknown', () => {
    expect(readListPage({ itemsKey: 'EmailStatusList' }, {})).toEqual({ items: [], totalCount: undefined });
  });
});

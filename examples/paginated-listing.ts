/**
 * Three ways to read a list: one page, page by page, and every item with `for await`.
 *
 *   npx tsx examples/paginated-listing.ts
 */
import type { SesClient } from '@ses-cli/sdk';
import { runExample } from './run-example.js';

const WANTED = 5;

export async function main(ses: SesClient) {
  // Make sure there is more than one page's worth of templates to look at.
  const existing = await ses.templates.list({ limit: 1 });
  for (let i = existing.totalCount ?? 0; i < WANTED; i++) {
    await ses.templates.create({ name: `example-${i + 1}`, text: `Example template {{n}} #${i + 1}` });
  }

  // 1. One page: awaiting `list()` gives the first page and the total.
  const first = await ses.templates.list({ limit: 2 });
  console.error(`page 1: ${first.items.length} of ${first.totalCount} templates`);

  // 2. Page by page, e.g. to show a table one screen at a time.
  const pageSizes = [];
  for await (const page of first.iterPages()) pageSizes.push(page.items.length);

  // 3. Every item across pages; pages are fetched as the loop needs them.
  const names: string[] = [];
  for await (const template of ses.templates.list({ limit: 2 })) names.push(template.name);

  return { totalCount: first.totalCount, pageSizes, names };
}

runExample(import.meta.url, main);

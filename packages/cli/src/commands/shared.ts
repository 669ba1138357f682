import type { CommandInput } from '../define-command.js';
import { UsageError } from '../errors.js';
import { parseCount } from '../parse/values.js';
import type { Session, Wire } from '../session.js';

/**
 * PascalCase wire keys to the public camelCase shape (`TemplateID` → `templateId`,
 * `ReceiversName` → `receiversName`), recursively, for `--json`.
 */
export function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelize);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'RequestId') continue;
    out[camelKey(key)] = camelize(v);
  }
  return out;
}

function camelKey(key: string): string {
  const fixed = key.replace(/ID$/, 'Id').replace(/IDs$/, 'Ids');
  const lead = /^[A-Z]+(?=[A-Z][a-z]|$)/.exec(fixed)?.[0];
  if (lead && lead.length > 1) return lead.toLowerCase() + fixed.slice(lead.length);
  return fixed.charAt(0).toLowerCase() + fixed.slice(1);
}

/** The time "now" on the chosen backend: the emulated clock locally, the real one otherwise. */
export async function backendNow(session: Session): Promise<Date> {
  if (session.globals.backend === 'local') return (await session.local()).now();
  return new Date();
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Page flags (`--limit`, `--offset`, `--all`) as numbers. */
export function pageOf(input: CommandInput, max = 100): { limit: number; offset: number; all: boolean } {
  return {
    limit: parseCount(input.opts.limit ?? 20, '--limit', { min: 1, max }),
    offset: parseCount(input.opts.offset ?? 0, '--offset'),
    all: input.opts.all === true,
  };
}

/**
 * One page of a list action, or every page with `--all`: returns the items and the total.
 * `payload` may add filters; `Offset`/`Limit` are filled in here.
 */
export async function listPaged(
  session: Session,
  action: string,
  itemsKey: string,
  totalKey: string,
  page: { limit: number; offset: number; all: boolean },
  payload: Wire = {},
): Promise<{ items: Wire[]; total: number }> {
  const items: Wire[] = [];
  let offset = page.offset;
  let total = 0;
  for (;;) {
    const out = await session.call(action, { ...payload, Offset: offset, Limit: page.limit });
    const batch = (out[itemsKey] as Wire[] | undefined) ?? [];
    total = Number(out[totalKey] ?? batch.length);
    items.push(...batch);
    offset += batch.length;
    if (!page.all || batch.length === 0 || offset >= total) break;
  }
  return { items, total };
}

/** Resolves a template given by id or exact name to its id. @throws {UsageError} when unknown */
export async function resolveTemplateId(session: Session, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const { items } = await listPaged(session, 'ListEmailTemplates', 'TemplatesMetadata', 'TotalCount', {
    limit: 100,
    offset: 0,
    all: true,
  });
  const found = items.filter((t) => t.TemplateName === ref);
  if (found.length === 0) throw new UsageError(`no template named "${ref}"`);
  if (found.length > 1) throw new UsageError(`several templates are named "${ref}": use the id`);
  return Number(found[0]?.TemplateID);
}

/** Finds a recipient group by id or exact name. */
export async function findGroup(session: Session, ref: string): Promise<Wire | undefined> {
  const numeric = /^\d+$/.test(ref);
  const { items } = await listPaged(
    session,
    'ListReceivers',
    'Data',
    'TotalCount',
    { limit: 100, offset: 0, all: true },
    numeric ? {} : { KeyWord: ref },
  );
  return items.find((g) => (numeric ? Number(g.ReceiverId) === Number(ref) : g.ReceiversName === ref));
}

/** Resolves a recipient group given by id or exact name. @throws {UsageError} when unknown */
export async function resolveGroup(session: Session, ref: string): Promise<Wire> {
  const group = await findGroup(session, ref);
  if (!group) throw new UsageError(`no recipient group "${ref}"`);
  return group;
}

/** Labels of the wire enums, for people (the raw code stays in `--json`). */
export const TASK_STATUS: Readonly<Record<number, string>> = {
  1: 'waiting',
  5: 'sending',
  6: 'paused-today',
  7: 'error',
  10: 'finished',
};
export const TASK_TYPE: Readonly<Record<number, string>> = { 1: 'immediate', 2: 'scheduled', 3: 'recurring' };
export const TEMPLATE_STATUS: Readonly<Record<number, string>> = {
  0: 'approved',
  1: 'pending',
  2: 'rejected',
};
export const GROUP_STATUS: Readonly<Record<number, string>> = { 1: 'pending', 2: 'uploading', 3: 'complete' };

/** Reverse lookup: label → code. */
export function codeOf(table: Readonly<Record<number, string>>, label: string): number {
  const entry = Object.entries(table).find(([, v]) => v === label);
  if (!entry) throw new UsageError(`unknown value "${label}"`);
  return Number(entry[0]);
}

/** Formats an enum code with its label: `6 paused-today`. */
export function label(table: Readonly<Record<number, string>>, value: unknown): string {
  const code = Number(value);
  return table[code] ?? String(value ?? '');
}

/** Requires an option, with a one-line usage error naming it. */
export function required(value: unknown, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing required option ${flag}`);
  return value;
}

/** Sleeps, waking early when the run is interrupted. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

import type { Database, Statement } from 'better-sqlite3';

/** Counters of the per-day aggregate, one column each in `daily_stats`. */
export type StatColumn =
  | 'requests'
  | 'accepted'
  | 'delivered'
  | 'opened'
  | 'clicked'
  | 'bounced'
  | 'unsubscribed';

const COLUMNS: readonly StatColumn[] = [
  'requests',
  'accepted',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'unsubscribed',
];

/** The aggregate a counter belongs to. */
export interface StatKey {
  date: string;
  senderDomain: string;
  recipientDomain: string;
}

const cache = new WeakMap<Database, Map<StatColumn, Statement>>();

/**
 * Adds `delta` to one counter of the (date, sender domain, recipient domain) aggregate. Called inside
 * the same transaction as the event it counts, so the report can never disagree with the records.
 */
export function bumpStat(db: Database, column: StatColumn, key: StatKey, delta = 1): void {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(column);
  if (!statement) {
    if (!COLUMNS.includes(column)) throw new Error(`unknown statistics column ${column}`);
    statement = db.prepare(
      `INSERT INTO daily_stats (date, sender_domain, recipient_domain, ${column}) VALUES (?, ?, ?, ?)
       ON CONFLICT (date, sender_domain, recipient_domain) DO UPDATE SET ${column} = ${column} + excluded.${column}`,
    );
    statements.set(column, statement);
  }
  statement.run(key.date, key.senderDomain, key.recipientDomain, delta);
}

/**
 * Counter increments gathered over one transaction and written with one upsert per aggregate key
 * and column, instead of one per email. Flush inside the same transaction.
 */
export class StatTally {
  private readonly counts = new Map<string, { column: StatColumn; key: StatKey; delta: number }>();

  add(column: StatColumn, key: StatKey, delta = 1): void {
    const id = `${column}\u0000${key.date}\u0000${key.senderDomain}\u0000${key.recipientDomain}`;
    const entry = this.counts.get(id);
    if (entry) entry.delta += delta;
    else this.counts.set(id, { column, key, delta });
  }

  flush(db: Database): void {
    for (const { column, key, delta } of this.counts.values()) bumpStat(db, column, key, delta);
    this.counts.clear();
  }
}

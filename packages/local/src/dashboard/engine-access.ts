import { join } from 'node:path';
import { ApiError } from '@ses-cli/sdk';
import BetterSqlite3 from 'better-sqlite3';
import type { LocalBackend } from '../backend.js';
import { DATABASE_FILE } from '../store/database.js';
import { nativeAddonOptions } from '../store/native-addon.js';
import { DashboardHttpError } from './http.js';

/**
 * Calls an action on the engine like any client would. A refusal (a bad date range) becomes a 400
 * carrying the service's message, so the page can show it.
 */
export async function callAction(
  backend: LocalBackend,
  action: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  try {
    return (await backend.invoke({ action, payload, region: 'ap-guangzhou', attempt: 0 })).payload;
  } catch (error) {
    if (error instanceof ApiError)
      throw new DashboardHttpError(400, `${error.code}: ${error.serviceMessage}`);
    throw error;
  }
}

/** A sender domain's warm-up records: its first batch day and batch emails sent per day. */
export interface WarmupRecords {
  firstDate: string;
  sentByDate: Map<string, number>;
}

/**
 * Reads the warm-up history no action answers (which day each domain started, what it sent each
 * day) through a separate read-only connection, so the dashboard can never change engine state.
 */
export function readWarmupRecords(backend: LocalBackend): Map<string, WarmupRecords> {
  const db = new BetterSqlite3(join(backend.dataDir, DATABASE_FILE), {
    ...nativeAddonOptions(),
    readonly: true,
    fileMustExist: true,
  });
  try {
    const records = new Map<string, WarmupRecords>();
    const domains = db.prepare('SELECT domain, first_date FROM warmup_domains').all() as {
      domain: string;
      first_date: string;
    }[];
    for (const row of domains) records.set(row.domain, { firstDate: row.first_date, sentByDate: new Map() });
    const usage = db.prepare('SELECT domain, date, sent FROM warmup_usage').all() as {
      domain: string;
      date: string;
      sent: number;
    }[];
    for (const row of usage) records.get(row.domain)?.sentByDate.set(row.date, row.sent);
    return records;
  } finally {
    db.close();
  }
}

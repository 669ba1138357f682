import { existsSync } from 'node:fs';
import { ConfigError } from '@ses-cli/sdk';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { locateNativeAddon, nativeAddonOptions } from './native-addon.js';

describe('nativeAddonOptions', () => {
  it('names the installed better-sqlite3 addon, which opens a database', () => {
    const { nativeBinding } = nativeAddonOptions();
    expect(nativeBinding).toMatch(/better_sqlite3\.node$/);
    expect(existsSync(nativeBinding)).toBe(true);
    const db = new BetterSqlite3(':memory:', nativeAddonOptions());
    expect(db.prepare('SELECT 40 + 2 AS answer').get()).toEqual({ answer: 42 });
    db.close();
  });

  it('says how to build the addon when an install skipped its build script', () => {
    const missing = () => {
      throw Object.assign(new Error('Cannot find module'), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => locateNativeAddon(missing)).toThrow(ConfigError);
    expect(() => locateNativeAddon(missing)).toThrow(/npm rebuild better-sqlite3.*pnpm approve-builds/);
  });
});

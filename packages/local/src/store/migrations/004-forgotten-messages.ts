import type { Migration } from './migration.js';

/**
 * Deleting a captured message (`DELETE /_emulator/messages/<id>`) hides it from the inspection API
 * and removes its `.eml`, but keeps its status record: statistics, the per-recipient frequency limit
 * and `GetSendEmailStatus` must keep agreeing with what was sent, as they would on the service.
 */
export const forgottenMessagesMigration: Migration = {
  version: 4,
  name: 'forgotten-messages',
  up(db) {
    db.exec('ALTER TABLE emails ADD COLUMN forgotten INTEGER NOT NULL DEFAULT 0');
  },
};

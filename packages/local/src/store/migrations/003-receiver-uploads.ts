import type { Migration } from './migration.js';

/**
 * Uploads written once. An upload's rows are stored by the `CreateReceiverDetail*` call itself and
 * hidden until `runDue` completes it, through `receivers.pending_from` (the first detail id of the
 * upload still processing; NULL when none) instead of a per-row flag that completing had to rewrite.
 * `receiver_details.pending` is now always 0 (kept for queries that still filter on it). Uploads left
 * pending under the old scheme are completed here, as the next `runDue` would have done.
 */
export const receiverUploadsMigration: Migration = {
  version: 3,
  name: 'receiver-uploads',
  up(db) {
    db.exec(`
      ALTER TABLE receivers ADD COLUMN pending_from INTEGER;
      UPDATE receiver_details SET pending = 0 WHERE pending = 1;
      UPDATE receivers SET status = 3 WHERE status = 2;
    `);
  },
};

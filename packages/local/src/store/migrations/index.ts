import { coreMigration } from './001-core.js';
import { sendingMigration } from './002-sending.js';
import { receiverUploadsMigration } from './003-receiver-uploads.js';
import { forgottenMessagesMigration } from './004-forgotten-messages.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every schema step, in order. `version` of entry i is i + 1. */
export const migrations: readonly Migration[] = [
  coreMigration,
  sendingMigration,
  receiverUploadsMigration,
  forgottenMessagesMigration,
];

import type { z } from 'zod';
import { abuseReportOperations } from './abuse-report.js';
import { blacklistOperations } from './blacklist.js';
import { customBlacklistOperations } from './custom-blacklist.js';
import { identityOperations } from './identities.js';
import { receiverOperations } from './receivers.js';
import { sendStatusOperations } from './send-status.js';
import { sendTaskOperations } from './send-tasks.js';
import { senderOperations } from './senders.js';
import { sendingOperations } from './sending.js';
import { statisticsOperations } from './statistics.js';
import { templateOperations } from './templates.js';
import { unsubscribeConfigOperations } from './unsubscribe-config.js';

/**
 * Every SES action (API 2020-10-02), keyed by its exact name. Resources, backends, the local
 * engine, the emulator and the CLI all read this one table.
 */
export const operations = {
  ...identityOperations,
  ...senderOperations,
  ...templateOperations,
  ...receiverOperations,
  ...sendingOperations,
  ...sendTaskOperations,
  ...sendStatusOperations,
  ...statisticsOperations,
  ...blacklistOperations,
  ...customBlacklistOperations,
  ...unsubscribeConfigOperations,
  ...abuseReportOperations,
};

/** The name of an SES action, e.g. `SendEmail`. */
export type ActionName = keyof typeof operations;
/** The PascalCase wire payload an action accepts (before defaults). */
export type WireInput<A extends ActionName> = z.input<(typeof operations)[A]['input']>;
/** The PascalCase wire `Response` of an action (without `RequestId`). */
export type WireOutput<A extends ActionName> = z.output<(typeof operations)[A]['output']>;

/** All action names, in table order. */
export const actionNames: readonly ActionName[] = Object.freeze(Object.keys(operations) as ActionName[]);

/** True when `name` is an SES action of the table (e.g. to validate a CLI argument). */
export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(operations, name);
}

export * from './abuse-report.js';
export * from './blacklist.js';
export {
  isDateString,
  isDateTimeString,
  isEmailAddress,
  isHeaderSafe,
  isJsonObjectString,
  MAX_RECIPIENT_TEMPLATE_DATA_BYTES,
  type Mailbox,
  parseMailbox,
  TagListOutputSchema,
  TagListSchema,
  type WireTagList,
} from './common.js';
export * from './custom-blacklist.js';
export * from './identities.js';
export * from './receivers.js';
export * from './send-status.js';
export * from './send-tasks.js';
export * from './senders.js';
export * from './sending.js';
export * from './statistics.js';
export * from './templates.js';
export * from './unsubscribe-config.js';

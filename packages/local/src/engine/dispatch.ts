import { abuseReportHandlers } from './actions/abuse-reports.js';
import { blacklistHandlers } from './actions/blacklist.js';
import { customBlacklistHandlers } from './actions/custom-blacklist.js';
import { identityHandlers } from './actions/identities.js';
import { uploadHandlers } from './actions/receiver-upload.js';
import { receiverHandlers } from './actions/receivers.js';
import { senderHandlers } from './actions/senders.js';
import { templateHandlers } from './actions/templates.js';
import { unsubscribeConfigHandlers } from './actions/unsubscribe-configs.js';
import type { Handler } from './context.js';
import { sendingHandlers } from './sending/index.js';

/** Every action the local engine answers, keyed by its wire name. */
export const handlers: Readonly<Record<string, Handler>> = Object.freeze({
  ...identityHandlers,
  ...senderHandlers,
  ...templateHandlers,
  ...receiverHandlers,
  ...uploadHandlers,
  ...blacklistHandlers,
  ...customBlacklistHandlers,
  ...unsubscribeConfigHandlers,
  ...abuseReportHandlers,
  ...sendingHandlers,
});

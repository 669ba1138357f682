export type { FaultDecision, FaultKind, FaultMap, FaultSpec, FaultStats } from './faults.js';
export { FaultInjector, OTHER_ACTIONS } from './faults.js';
export { DEFAULT_LOCAL_KEYS, type EmulatorKey } from './keys.js';
export { type EmulatorOptions, type RunningEmulator, startEmulator } from './server.js';
export { WEBHOOK_FIELD_MAX_BYTES, type WebhookTarget, webhookPayload } from './webhooks.js';

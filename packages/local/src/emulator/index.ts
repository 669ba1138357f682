export type { FaultDecision, FaultKind, FaultMap, FaultSpec, FaultStats } from './faults.js';
export { FaultInjector } from './faults.js';
export { DEFAULT_LOCAL_KEYS, type EmulatorKey } from './keys.js';
export { type EmulatorOptions, type RunningEmulator, startEmulator } from './server.js';
export { type WebhookTarget, webhookPayload } from './webhooks.js';

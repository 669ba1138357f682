export { DEFAULT_LOCAL_KEYS, type EmulatorKey } from './keys.js';
export { type EmulatorOptions, type RunningEmulator, startEmulator } from './server.js';
export { type WebhookTarget, webhookPayload } from './webhooks.js';

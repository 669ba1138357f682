// @ses-cli/local: the embedded SES backend (engine + store), delivery transports and the emulator.

export {
  createLocalBackend,
  type LocalBackend,
  type LocalBackendOptions,
  type RunDueReport,
} from './backend.js';
export {
  checkDnsRecords,
  createOutboxTransport,
  createSmtpTransport,
  type DeliveryReceipt,
  type DnsResolver,
  type OutgoingMessage,
  SIMULATOR_DOMAIN,
  type SimulatorOutcome,
  type SmtpTransportOptions,
  simulatorOutcome,
  systemDnsResolver,
  type Transport,
  type WireDNSAttributes,
} from './delivery/index.js';
export {
  DEFAULT_LOCAL_KEYS,
  type EmulatorKey,
  type EmulatorOptions,
  FaultInjector,
  type FaultKind,
  type FaultMap,
  type FaultSpec,
  type RunningEmulator,
  startEmulator,
  type WebhookTarget,
  webhookPayload,
} from './emulator/index.js';
export type { DeliveryEvent, MessageStore, MessageSummary, Tracking } from './engine/inspection.js';
export { StorageError, type StorageProblem } from './store/storage-error.js';

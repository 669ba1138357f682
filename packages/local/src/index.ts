// @ses-cli/local: the embedded SES backend (engine + store), delivery transports and the emulator.

export {
  createLocalBackend,
  type LocalBackend,
  type LocalBackendOptions,
  type RunDueReport,
} from './backend.js';
// Each from its own module, not through a barrel: importing the package must not load the
// composers (nodemailer), which the engine loads on the first email.
export { checkDnsRecords, type DnsResolver, systemDnsResolver } from './delivery/dns-check.js';
export type { WireDNSAttributes } from './delivery/dns-records.js';
export { createOutboxTransport } from './delivery/outbox-transport.js';
export { SIMULATOR_DOMAIN, type SimulatorOutcome, simulatorOutcome } from './delivery/simulator.js';
export { createSmtpTransport, type SmtpTransportOptions } from './delivery/smtp-transport.js';
export type { DeliveryReceipt, OutgoingMessage, Transport } from './delivery/transport.js';
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

export {
  type BatchComposer,
  type BatchRecipient,
  type BatchShared,
  createBatchComposer,
} from './batch-compose.js';
export { type ComposedMessage, type ComposeInput, composeMessage } from './compose.js';
export { MessageCompositionError } from './composition-error.js';
export { type DkimKeyPair, generateDkimKeyPair } from './dkim-keys.js';
export type { DkimSigningKey } from './dkim-sign.js';
export {
  checkDnsRecords,
  compareDnsRecord,
  type DnsRecordState,
  type DnsResolver,
  systemDnsResolver,
} from './dns-check.js';
export {
  DMARC_VALUE,
  identityDnsRecords,
  MX_VALUE,
  SPF_VALUE,
  type WireDNSAttributes,
} from './dns-records.js';
export { createOutboxTransport, isSafeMessageId } from './outbox-transport.js';
export { pooledRandomBytes } from './random-pool.js';
export { SIMULATOR_DOMAIN, type SimulatorOutcome, simulatorOutcome } from './simulator.js';
export { createSmtpTransport, type SmtpTransportOptions } from './smtp-transport.js';
export type { DeliveryReceipt, OutgoingMessage, Transport } from './transport.js';
export { unsubscribeText } from './unsubscribe.js';

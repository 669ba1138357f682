/** What a `simulator.test` mailbox does with a message sent to it. */
export type SimulatorOutcome =
  | 'success'
  | 'bounce'
  | 'softbounce'
  | 'complaint'
  | 'open'
  | 'click'
  | 'unsubscribe'
  | 'defer';

/** The reserved domain (RFC 2606 `.test`) whose mailboxes produce outcomes on purpose. */
export const SIMULATOR_DOMAIN = 'simulator.test';

const SIMULATOR_ADDRESS =
  /^(success|bounce|softbounce|complaint|open|click|unsubscribe|defer)(?:\+[^@\s]+)?@simulator\.test$/i;

/**
 * The outcome a mailbox simulator address asks for (`bounce@simulator.test`,
 * `Click+campaign-7@Simulator.Test`), or undefined for any other address.
 */
export function simulatorOutcome(address: string): SimulatorOutcome | undefined {
  const match = SIMULATOR_ADDRESS.exec(address.trim());
  return match?.[1]?.toLowerCase() as SimulatorOutcome | undefined;
}

import type { SesClient } from '@ses-cli/sdk';

/**
 * Makes sure a verified sender domain, a sender address on it and an approved template exist, reusing
 * them when they do (examples are safe to run twice). Returns the template id.
 */
export async function ensureSenderAndTemplate(
  ses: SesClient,
  sender: string,
  template: { name: string; html: string; text: string },
): Promise<number> {
  const domain = sender.slice(sender.indexOf('@') + 1);
  const identities = await ses.identities.list();
  if (!identities.items.some((identity) => identity.domain === domain)) {
    const { dnsRecords } = await ses.identities.create(domain);
    console.error(`created ${domain}; publish these DNS records, then run ses.identities.verify():`);
    for (const record of dnsRecords) console.error(`  ${record.type} ${record.name} ${record.expectedValue}`);
  }
  const senders = await ses.senders.list();
  if (!senders.items.some((s) => s.address === sender))
    await ses.senders.create({ address: sender, name: 'Acme' });
  for await (const existing of ses.templates.list()) {
    if (existing.name === template.name) return existing.id;
  }
  const { id } = await ses.templates.create(template);
  return id;
}

import type { RecipientView } from '../../../src/dashboard/types.js';

/** How many addresses a list cell spells out before "+N more" (all of them are in the tooltip). */
const SHOWN = 3;

/** A message's recipients in a table cell: the first few, the rest counted, all in the tooltip. */
export function RecipientList(props: { recipients: RecipientView[]; fallback: string }) {
  const addresses = props.recipients.length > 0 ? props.recipients.map((r) => r.address) : [props.fallback];
  const more = addresses.length - SHOWN;
  return (
    <span class="addresses" title={addresses.join(', ')} data-testid="recipient-list">
      {addresses.slice(0, SHOWN).join(', ')}
      {more > 0 && <span class="muted"> +{more} more</span>}
    </span>
  );
}

import type { DeliveryOutcome, RecipientView } from '../../../src/dashboard/types.js';

const OUTCOME_TONES: Record<DeliveryOutcome, string> = {
  queued: 'info',
  sending: 'info',
  sent: 'info',
  delivered: 'good',
  bounced: 'bad',
  dropped: 'bad',
  refused: 'bad',
  'soft bounce': 'warn',
  deferred: 'warn',
  mixed: 'warn',
};

/** Where an email ended up (from its status record, as `GetSendEmailStatus` reports it). */
export function OutcomeBadge(props: { outcome: DeliveryOutcome; title?: string }) {
  return (
    <span
      class={`badge ${OUTCOME_TONES[props.outcome] ?? ''}`}
      data-outcome={props.outcome}
      title={props.title}
    >
      {props.outcome}
    </span>
  );
}

/**
 * A message's outcomes: one badge when its recipients agree, else one per outcome with how many
 * recipients it concerns ("2 delivered", "1 bounced").
 */
export function OutcomeBadges(props: { recipients: RecipientView[]; outcome: DeliveryOutcome }) {
  if (props.outcome !== 'mixed') return <OutcomeBadge outcome={props.outcome} />;
  const counts = new Map<DeliveryOutcome, number>();
  for (const recipient of props.recipients)
    counts.set(recipient.outcome, (counts.get(recipient.outcome) ?? 0) + 1);
  return (
    <span class="badges">
      {[...counts].map(([outcome, count]) => (
        <span key={outcome} class={`badge ${OUTCOME_TONES[outcome] ?? ''}`} data-outcome={outcome}>
          {count} {outcome}
        </span>
      ))}
    </span>
  );
}

const EVENT_TONES: Record<string, string> = {
  delivered: 'good',
  open: 'info',
  click: 'info',
  bounce: 'bad',
  dropped: 'bad',
  spamreport: 'bad',
  deferred: 'warn',
  unsubscribe: 'warn',
};

/** A delivery event's type. */
export function EventBadge(props: { type: string }) {
  return <span class={`badge ${EVENT_TONES[props.type] ?? ''}`}>{props.type}</span>;
}

const TASK_TONES: Record<number, string> = { 1: 'info', 5: 'info', 6: 'warn', 7: 'bad', 10: 'good' };

/** A batch task's status. */
export function TaskStatus(props: { status: number; label: string }) {
  return <span class={`badge ${TASK_TONES[props.status] ?? ''}`}>{props.label}</span>;
}

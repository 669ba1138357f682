const MESSAGE_TONES: Record<string, string> = {
  sent: 'good',
  queued: 'info',
  sending: 'info',
  deferred: 'warn',
  failed: 'bad',
};

/** An email's delivery state (the engine's `queued → sending → sent | failed`, `deferred`). */
export function MessageStatus(props: { status: string }) {
  return <span class={`badge ${MESSAGE_TONES[props.status] ?? ''}`}>{props.status}</span>;
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

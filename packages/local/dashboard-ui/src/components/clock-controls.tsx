import { useState } from 'preact/hooks';
import type { AdvanceView, ClockView } from '../../../src/dashboard/types.js';
import { postJson } from '../api.js';
import { formatInstant, formatNumber } from '../format.js';
import { announceReset, refreshAll } from '../hooks.js';
import { ConfirmDialog } from './confirm-dialog.js';

const HOUR = 3_600_000;
const STEPS = [
  { label: '+1 hour', ms: HOUR },
  { label: '+1 day', ms: 24 * HOUR },
  { label: '+7 days', ms: 7 * 24 * HOUR },
];

type Pending = { kind: 'advance'; label: string; ms: number } | { kind: 'reset' };

/** The emulated clock with time-travel and reset buttons, each behind a confirmation. */
export function ClockControls(props: { clock: ClockView | undefined }) {
  const [pending, setPending] = useState<Pending>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();

  const run = async () => {
    if (!pending) return;
    setBusy(true);
    setError(undefined);
    try {
      if (pending.kind === 'advance') {
        const result = await postJson<AdvanceView>('clock/advance', { ms: pending.ms });
        setMessage(
          `Moved to ${formatInstant(result.now, result.timeZone)}: ${formatNumber(result.tasksStarted)} tasks started, ` +
            `${formatNumber(result.emailsSent)} emails sent, ${formatNumber(result.emailsCached)} cached.`,
        );
      } else {
        await postJson<ClockView>('reset', { confirm: 'reset' });
        setMessage('Everything was deleted: a fresh start.');
        announceReset();
      }
      setPending(undefined);
      refreshAll();
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  };

  const clock = props.clock;
  return (
    <>
      <div class="clock">
        Emulated time{' '}
        <strong data-testid="clock">{clock ? formatInstant(clock.now, clock.timeZone) : '…'}</strong>
        {clock && <span class="muted"> ({clock.timeZone})</span>}
      </div>
      {STEPS.map((step) => (
        <button
          key={step.label}
          type="button"
          onClick={() => setPending({ kind: 'advance', label: step.label, ms: step.ms })}
        >
          {step.label}
        </button>
      ))}
      <button type="button" class="danger" onClick={() => setPending({ kind: 'reset' })}>
        Reset…
      </button>
      {(message || error) && (
        <div class={error ? 'error' : 'notice'} role="status" style={{ flexBasis: '100%', margin: 0 }}>
          {error ?? message}
        </div>
      )}
      {pending?.kind === 'advance' && (
        <ConfirmDialog
          title={`Travel ${pending.label.slice(1)} forward?`}
          confirmLabel="Travel"
          busy={busy}
          onConfirm={run}
          onCancel={() => setPending(undefined)}
        >
          <p>
            The emulated clock moves {pending.label.slice(1)} ahead (it never goes back), then what is due at
            the new time runs once, as if the time had passed with nothing running:
          </p>
          <ul>
            <li>scheduled tasks whose time has come start;</li>
            <li>
              a recurring task runs its current cycle; the cycles inside the jump are skipped, not caught up;
            </li>
            <li>
              a task paused by the warm-up sends one day's quota from its cache, the rest waits for the next
              days;
            </li>
            <li>deferred emails are retried.</li>
          </ul>
          {error && <div class="error">{error}</div>}
        </ConfirmDialog>
      )}
      {pending?.kind === 'reset' && (
        <ConfirmDialog
          title="Reset the local backend?"
          confirmLabel="Delete everything"
          danger
          busy={busy}
          onConfirm={run}
          onCancel={() => setPending(undefined)}
        >
          <p>
            Every domain, sender, template, group, task, captured email and statistic is deleted, and the
            clock goes back to real time. This cannot be undone.
          </p>
          {error && <div class="error">{error}</div>}
        </ConfirmDialog>
      )}
    </>
  );
}

/** A thin bar, `value` from 0 to 1, with its text equivalent for screen readers and tests. */
export function ProgressBar(props: { value: number; label: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, props.value)) * 100);
  return (
    <span>
      <span
        class={`progress ${percent === 100 ? 'done' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={props.label}
      >
        <span style={{ width: `${percent}%` }} />
      </span>
      {percent}%
    </span>
  );
}

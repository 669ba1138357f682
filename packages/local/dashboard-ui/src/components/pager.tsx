import { formatNumber } from '../format.js';

/** "1–20 of 134" with previous / next buttons. */
export function Pager(props: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}) {
  const { total, limit, offset } = props;
  if (total <= limit && offset === 0) return null;
  const last = Math.min(offset + limit, total);
  return (
    <div class="pager">
      <span data-testid="pager-range">
        {formatNumber(total === 0 ? 0 : offset + 1)}–{formatNumber(last)} of {formatNumber(total)}
      </span>
      <button
        type="button"
        disabled={offset === 0}
        onClick={() => props.onChange(Math.max(0, offset - limit))}
      >
        ← Newer
      </button>
      <button type="button" disabled={last >= total} onClick={() => props.onChange(offset + limit)}>
        Older →
      </button>
    </div>
  );
}

import { useEffect } from 'preact/hooks';
import { formatNumber } from '../format.js';

/** The offset of the last page that has rows (0 when there are none). */
export function lastPageOffset(total: number, limit: number): number {
  return total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
}

/**
 * "1–20 of 134" with previous / next buttons. When the list shrank under the page shown (mail
 * deleted, a reset), it moves to the last page that still has rows.
 */
export function Pager(props: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}) {
  const { total, limit, offset, onChange } = props;
  const stale = offset > 0 && offset >= total;
  useEffect(() => {
    if (stale) onChange(lastPageOffset(total, limit));
  }, [stale, total, limit, onChange]);
  if (stale || (total <= limit && offset === 0)) return null;
  const last = Math.min(offset + limit, total);
  return (
    <div class="pager">
      <span data-testid="pager-range">
        {formatNumber(offset + 1)}–{formatNumber(last)} of {formatNumber(total)}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        ← Newer
      </button>
      <button type="button" disabled={last >= total} onClick={() => onChange(offset + limit)}>
        Older →
      </button>
    </div>
  );
}

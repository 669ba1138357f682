import type { Column, CommandResult } from '../define-command.js';

/** Where and how to render. */
export interface RenderTarget {
  readonly write: (text: string) => void;
  readonly note: (line: string) => void;
  readonly json: boolean;
  readonly color: boolean;
  readonly width: number | undefined;
}

/** The JSON document a result stands for under `--json`. */
export function jsonOf(result: CommandResult): unknown {
  if (result.json !== undefined) return result.json;
  switch (result.kind) {
    case 'table':
      return result.rows;
    case 'object':
      return result.value;
    case 'text':
      return { text: result.text };
    case 'message':
      return { message: result.message };
    case 'sections':
      return result.json;
  }
}

/** Renders a result: one JSON document, or tables / key-value lines / text for people. */
export async function render(result: CommandResult, target: RenderTarget): Promise<void> {
  if (target.json) {
    target.write(`${JSON.stringify(jsonOf(result), null, 2)}\n`);
    return;
  }
  await renderHuman(result, target);
}

async function renderHuman(result: CommandResult, target: RenderTarget): Promise<void> {
  switch (result.kind) {
    case 'table':
      if (result.rows.length === 0) target.note(result.empty ?? 'No results.');
      else target.write(`${await renderTable(result.rows, result.columns, target)}\n`);
      if (result.footer) target.note(result.footer);
      return;
    case 'object':
      target.write(`${renderKeyValue(result.value)}\n`);
      return;
    case 'text':
      target.write(result.text.endsWith('\n') ? result.text : `${result.text}\n`);
      return;
    case 'message':
      target.write(`${result.message}\n`);
      return;
    case 'sections':
      for (const [index, section] of result.sections.entries()) {
        if (index > 0) target.write('\n');
        await renderHuman(section, target);
      }
      return;
  }
}

/** Formats a cell value: dates as text, objects as compact JSON, nullish as empty. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

async function renderTable(
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly Column[],
  target: RenderTarget,
): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const head = target.color
    ? columns.map((c) => `\u001b[1m${c.header}\u001b[22m`)
    : columns.map((c) => c.header);
  const table = new Table({
    head,
    style: { head: [], border: [], compact: false },
    colAligns: columns.map((c) => c.align ?? 'left'),
    wordWrap: true,
  });
  for (const row of rows) {
    table.push(columns.map((c) => (c.format ? c.format(row[c.key], row) : cellText(row[c.key]))));
  }
  return table.toString();
}

/** Aligned `key  value` lines for one object; nested objects are shown as compact JSON. */
export function renderKeyValue(value: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${k.padEnd(width)}  ${cellText(v)}`).join('\n');
}

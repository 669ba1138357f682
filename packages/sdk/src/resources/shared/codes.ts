/** A numeric wire code and its readable name. */
export type CodeTable<N extends string> = Readonly<Record<number, N>>;

/**
 * Names a wire code. Codes this SDK does not know yet (the service adds some) become `'unknown'`;
 * the raw code is always kept next to the name by the caller, so nothing is lost.
 */
export function nameOf<N extends string>(table: CodeTable<N>, code: number | undefined): N | 'unknown' {
  return code === undefined ? 'unknown' : (table[code] ?? 'unknown');
}

/** The wire code of a name (inverse of {@link nameOf}); `undefined` for an unknown name. */
export function codeOf<N extends string>(table: CodeTable<N>, name: N): number | undefined {
  for (const [code, value] of Object.entries(table)) if (value === name) return Number(code);
  return undefined;
}

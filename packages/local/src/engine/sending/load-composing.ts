/** The module with the composers; a type-only import, so loading this file loads nothing else. */
export type Composing = typeof import('./composing.js');

let loading: Promise<Composing> | undefined;

/**
 * Imports the composing code on the first email, once per process. Everything a backend evaluates
 * on creation and for the non-sending actions stays free of nodemailer (the CLI's `templates list`
 * starts faster), and a process that never sends never pays for loading it.
 */
export function loadComposing(): Promise<Composing> {
  loading ??= import('./composing.js');
  return loading;
}

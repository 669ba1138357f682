import type { PrerenderedHelp } from './fast-help.js';

/**
 * The top-level help, rendered by commander when the CLI is built: tsup.config.ts replaces this
 * module (plugin `prerendered-help`). From the sources (tests) there is none and commander renders it.
 */
export const PRERENDERED_HELP: PrerenderedHelp | undefined = undefined;

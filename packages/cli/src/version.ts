/** The CLI's version, printed by `--version` and in bug reports. Kept in step with package.json. */
export const VERSION = '0.1.0';

import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { bin: 'src/bin.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  // Each command's module (and ora, cli-table3, chalk) becomes its own chunk, loaded on demand,
  // so `--help` parses only commander and the command table.
  splitting: true,
  treeshake: true,
  sourcemap: false,
  // Bundled CommonJS dependencies (commander, cli-table3) call `require` for Node built-ins.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cliCreateRequire } from 'node:module';\nconst require = __cliCreateRequire(import.meta.url);",
  },
  // Bundled: small, pure-JS dependencies (one file read instead of a module graph walk).
  noExternal: ['commander', 'chalk', 'ora', 'cli-table3', 'csv-parse'],
  // External: the SDK and the local backend (native better-sqlite3), installed alongside.
  external: ['@ses-cli/sdk', '@ses-cli/local'],
});

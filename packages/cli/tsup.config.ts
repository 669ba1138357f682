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
  minify: true,
  sourcemap: false,
  // Bundled CommonJS dependencies (commander, cli-table3) call `require` for Node built-ins.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cliCreateRequire } from 'node:module';\nconst require = __cliCreateRequire(import.meta.url);",
  },
  // Bundled: every pure-JS dependency, the SDK and the local engine included. Resolving and
  // reading hundreds of small module files (zod, undici, nodemailer) cost more at start-up than
  // parsing one chunk; measured in bench/cli.md.
  noExternal: [/^(?!better-sqlite3$).*/],
  // External: the native SQLite binding only.
  external: ['better-sqlite3'],
});

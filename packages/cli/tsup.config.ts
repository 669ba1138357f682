import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

const WORKSPACE_SOURCES: Readonly<Record<string, string>> = {
  '@ses-cli/sdk': fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url)),
  '@ses-cli/local': fileURLToPath(new URL('../local/src/index.ts', import.meta.url)),
};
const WORKSPACE_SRC = /[/\\]packages[/\\](sdk|local)[/\\]src[/\\]/;
const INNER = Symbol('inner resolve');
/**
 * Re-exports dropped from the SDK barrel in this bundle. esbuild assigns a file to chunks by
 * following every import of every reached file, unused re-exports included; the local engine
 * imports the SDK barrel, so its `HttpBackend` re-export would put undici into the chunk of every
 * local command. The CLI imports the HTTP backend from its own module (src/backends/tencent.ts),
 * and the SDK client loads it with `import()`. A bundled module importing `HttpBackend` from the
 * barrel fails the build ("No matching export"), so this cannot break silently.
 */
const SDK_BARREL = WORKSPACE_SOURCES['@ses-cli/sdk'] ?? '';
const DROPPED_FROM_SDK_BARREL = /export\s*\{[^}]*\}\s*from\s*'\.\/http\/http-backend\.js';/;

/**
 * Bundles the SDK and the local engine from their sources, file by file, and declares those files
 * free of import side effects (none has any: no top-level calls, no side-effect imports). esbuild
 * then keeps only the modules a chunk really uses: the chunk `templates list` evaluates holds the
 * engine without the emulator, mailparser, nodemailer or undici (measured with a metafile, see
 * bench/cli.md). Bundling their one-file `dist` instead puts everything in one chunk.
 */
const workspaceSources: Plugin = {
  name: 'workspace-sources',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === INNER) return undefined;
      const aliased = WORKSPACE_SOURCES[args.path];
      if (aliased) return { path: aliased, sideEffects: false };
      if (!args.path.startsWith('.') || !WORKSPACE_SRC.test(args.importer)) return undefined;
      const result = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: INNER,
      });
      if (result.errors.length > 0 || !WORKSPACE_SRC.test(result.path)) return undefined;
      return { path: result.path, sideEffects: false };
    });
    build.onLoad({ filter: /[/\\]packages[/\\]sdk[/\\]src[/\\]index\.ts$/ }, async (args) => {
      if (args.path !== SDK_BARREL) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!DROPPED_FROM_SDK_BARREL.test(source)) {
        throw new Error(
          'tsup.config.ts: the SDK barrel no longer re-exports ./http/http-backend.js; update it',
        );
      }
      return { contents: source.replace(DROPPED_FROM_SDK_BARREL, ''), loader: 'ts' };
    });
  },
};

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
  // `SES_CLI_METAFILE=1 pnpm build` writes dist/metafile-esm.json: which module went into which chunk.
  metafile: process.env.SES_CLI_METAFILE === '1',
  esbuildPlugins: [workspaceSources],
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

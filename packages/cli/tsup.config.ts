import { mkdtemp, readFile, rmdir, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin, PluginBuild } from 'esbuild';
import { defineConfig } from 'tsup';
import { thirdPartyNotices } from '../../tools/third-party-notices.js';

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

// Bundled CommonJS dependencies (commander, cli-table3) call `require` for Node built-ins.
const REQUIRE_BANNER =
  "#!/usr/bin/env node\nimport { createRequire as __cliCreateRequire } from 'node:module';\nconst require = /* @__PURE__ */ __cliCreateRequire(import.meta.url);";

/**
 * Renders `ses-cli --help` with commander from the sources being built (src/prerender-help.ts),
 * so the text bin.js prints without loading commander is commander's own (test/fast-help.test.ts).
 */
async function renderHelp(build: PluginBuild): Promise<unknown> {
  const bundled = await build.esbuild.build({
    entryPoints: [fileURLToPath(new URL('src/prerender-help.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: REQUIRE_BANNER },
    logLevel: 'silent',
    // Command implementations (`load: () => import(...)`) are never run while rendering help.
    plugins: [
      {
        name: 'no-command-modules',
        setup(inner) {
          inner.onResolve({ filter: /.*/ }, (args) =>
            args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
          );
        },
      },
    ],
  });
  const code = bundled.outputFiles[0]?.text;
  if (code === undefined) throw new Error('tsup.config.ts: prerender-help.ts did not bundle');
  // A fresh directory holding one file, removed file by file (never recursively).
  const dir = await mkdtemp(join(tmpdir(), 'ses-cli-help-'));
  const file = join(dir, 'prerender-help.mjs');
  try {
    await writeFile(file, code);
    const module: { prerenderHelp: () => unknown } = await import(pathToFileURL(file).href);
    return module.prerenderHelp();
  } finally {
    await unlink(file).catch(() => undefined);
    await rmdir(dir);
  }
}

/** Replaces src/help-text.ts (no prerendered help) with the help rendered at build time. */
const prerenderedHelp: Plugin = {
  name: 'prerendered-help',
  setup(build) {
    build.onLoad({ filter: /[/\\]cli[/\\]src[/\\]help-text\.ts$/ }, async () => ({
      contents: `export const PRERENDERED_HELP = ${JSON.stringify(await renderHelp(build))};`,
      loader: 'ts',
    }));
  },
};

const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
/**
 * Commander requires `node:child_process` when it loads, for stand-alone executable subcommands,
 * which ses-cli does not define. That require loads net, dgram, stream and more: about a tenth of
 * `node -e 0` on every run (bench/cli.md). Bundled here, it is required on first use instead. The
 * build fails if commander's source changes, so this cannot silently stop applying.
 */
const lazyChildProcessInCommander: Plugin = {
  name: 'commander-lazy-child-process',
  setup(build) {
    build.onLoad({ filter: /[/\\]commander[/\\]lib[/\\]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(COMMANDER_CHILD_PROCESS)) {
        throw new Error(
          `tsup.config.ts: commander no longer has "${COMMANDER_CHILD_PROCESS}"; update the plugin`,
        );
      }
      const lazy =
        "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: source.replace(COMMANDER_CHILD_PROCESS, lazy), loader: 'js' };
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
  esbuildPlugins: [workspaceSources, prerenderedHelp, lazyChildProcessInCommander, thirdPartyNotices()],
  banner: { js: REQUIRE_BANNER },
  // Bundled: every JavaScript dependency, the SDK, the local engine and better-sqlite3's JavaScript
  // included. Resolving and reading hundreds of small module files (zod, undici, nodemailer, the
  // CommonJS files of better-sqlite3) cost more at start-up than parsing one chunk (bench/cli.md).
  // The store passes better-sqlite3 the path of its native addon (packages/local/src/store/
  // native-addon.ts), so the addon is loaded from the installed package and `bindings`, its
  // fallback search, is never reached.
  noExternal: [/^(?!bindings$).*/],
  external: ['bindings'],
});

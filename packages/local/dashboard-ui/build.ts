import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { thirdPartyNotices } from '../../../tools/third-party-notices.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Bundles the dashboard's front end (Preact, its hooks and the app: one script, one stylesheet, one
 * page) into `outDir`, so the package ships it and the page needs nothing from the network.
 */
export async function buildDashboard(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: { app: here('./src/main.tsx') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    // The licenses of the bundled packages go to one notices file instead of comments in the script.
    legalComments: 'none',
    metafile: true,
    plugins: [thirdPartyNotices()],
    logLevel: 'warning',
  });
  await copyFile(here('./index.html'), join(outDir, 'index.html'));
  await copyFile(here('./styles.css'), join(outDir, 'app.css'));
}

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Metafile, Plugin } from 'esbuild';

/** The file written beside a bundle's output. */
const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

interface BundledPackage {
  name: string;
  version: string;
  license: string;
  text: string | undefined;
}

/**
 * An esbuild plugin that writes {@link NOTICES_FILE} into the output directory, listing every npm
 * package whose code went into the bundle, with its license text. The MIT and similar licenses ask
 * that their notice travel with the code, and a bundle no longer carries the packages' own files.
 * Nothing is written when the bundle holds no package code.
 */
export function thirdPartyNotices(): Plugin {
  return {
    name: 'third-party-notices',
    setup(build) {
      build.onEnd((result) => {
        const outdir = build.initialOptions.outdir;
        if (!result.metafile || !outdir || result.errors.length > 0) return;
        const cwd = build.initialOptions.absWorkingDir ?? process.cwd();
        const packages = bundledPackages(result.metafile, cwd);
        if (packages.length === 0) return;
        // tsup writes the bundle itself after this hook, so on a first build the directory may not exist yet.
        const dir = resolve(cwd, outdir);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, NOTICES_FILE), renderNotices(packages));
      });
    },
  };
}

/** The packages that put code into the output (tree-shaken away counts as not), each once, sorted. */
function bundledPackages(metafile: Metafile, cwd: string): BundledPackage[] {
  const roots = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const root = bytesInOutput > 0 ? packageRoot(resolve(cwd, input)) : undefined;
      if (root) roots.add(root);
    }
  }
  const byId = new Map<string, BundledPackage>();
  for (const root of roots) {
    const found = readPackage(root);
    byId.set(`${found.name}@${found.version}`, found);
  }
  return [...byId.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

/** The directory right under the last `node_modules` of a path (two levels for a scoped name). */
function packageRoot(file: string): string | undefined {
  const parts = file.split(/[/\\]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 2 >= parts.length) return undefined;
  const depth = parts[at + 1]?.startsWith('@') ? 3 : 2;
  return parts.slice(0, at + depth).join(sep);
}

function readPackage(root: string): BundledPackage {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
  };
  const licenseFile = readdirSync(root).find((file) => /^(licen[cs]e|copying)(\.|-|$)/i.test(file));
  return {
    name: manifest.name,
    version: manifest.version,
    license: manifest.license ?? 'no license named',
    text: licenseFile === undefined ? undefined : readFileSync(join(root, licenseFile), 'utf8').trim(),
  };
}

function renderNotices(packages: readonly BundledPackage[]): string {
  const sections = packages.map((found) =>
    [
      `${found.name} ${found.version} (${found.license})`,
      '-'.repeat(72),
      found.text ?? 'The package ships no license file.',
    ].join('\n'),
  );
  return `This bundle includes code from the following packages.\n\n${sections.join('\n\n\n')}\n`;
}

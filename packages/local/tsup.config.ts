import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';
import { buildDashboard } from './dashboard-ui/build.js';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // The dashboard finds its built assets through `import.meta.url`, which the CJS build needs shimmed.
  shims: true,
  external: ['better-sqlite3', 'nodemailer', '@ses-cli/sdk'],
  // The dashboard's front end ships inside the package as built files (served by the emulator at /ui).
  async onSuccess() {
    await buildDashboard(fileURLToPath(new URL('./dist/dashboard/', import.meta.url)));
  },
});

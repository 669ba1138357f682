import { defineConfig } from 'tsup';
import { thirdPartyNotices } from '../../tools/third-party-notices.js';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // zod is bundled, tree-shaken. Importing the package `zod` loads its whole API, its locales and
  // its JSON Schema converters (3 MB of heap, 12 MB of RSS); the SDK uses a part. Those start-up
  // objects made V8 grow the young generation early and put the c=64 peak RSS over 110 MB
  // (bench/sdk-throughput.md). The declarations still import zod's types, so `zod` stays a
  // dependency, pinned to the version bundled here.
  noExternal: ['zod'],
  esbuildPlugins: [thirdPartyNotices()],
});

// The one entry to the local engine for ordinary commands. It imports the engine's module itself,
// not the `@ses-cli/local` barrel: esbuild assigns files to chunks by following every import of
// a reached file, unused re-exports included, so reaching the barrel would put the emulator
// (HTTP server, mailparser) into the chunk every local command evaluates. See tsup.config.ts.
export { createLocalBackend } from '../../../local/src/backend.js';

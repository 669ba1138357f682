// The emulator (HTTP server, inspection API with its mail parser); loaded only by `serve`.
export { startEmulator } from '../../../local/src/emulator/index.js';

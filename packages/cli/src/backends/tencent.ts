// The Tencent Cloud HTTP backend (and undici); loaded only for `--backend tencent`. Imported from its
// module, not the SDK barrel, which the CLI bundle builds without this re-export (tsup.config.ts).
export { HttpBackend } from '../../../sdk/src/http/http-backend.js';

// The composing and signing code (nodemailer's encoders and composer underneath), in one module
// that nothing imports statically: see load-composing.ts.

export { composeMessage } from '../../delivery/compose.js';
export { ComposeCache, composeRow } from './compose-row.js';

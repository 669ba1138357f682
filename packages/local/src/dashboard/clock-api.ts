import { calendarDate } from '@ses-cli/sdk';
import type { LocalBackend } from '../backend.js';
import { MAX_ADVANCE_MS } from '../clock.js';
import { HttpError } from '../emulator/http-error.js';
import type { AdvanceView, ClockView } from './types.js';

/** `GET /ui/api/clock`. */
export function clockView(backend: LocalBackend, timeZone: string): ClockView {
  const now = backend.now();
  return { now: now.toISOString(), today: calendarDate(now, timeZone), timeZone };
}

/** `POST /ui/api/clock/advance` with `{ "ms": n }`: moves emulated time forward and runs due work. */
export async function advanceClock(
  backend: LocalBackend,
  timeZone: string,
  body: Record<string, unknown>,
): Promise<AdvanceView> {
  const ms = body['ms'];
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
    throw new HttpError(400, `ms must be an integer from 0 to ${MAX_ADVANCE_MS}`);
  }
  try {
    backend.advanceTime(ms);
  } catch (error) {
    // The clock's other limit: at most about 100 years ahead of the real clock in all.
    if (error instanceof RangeError) throw new HttpError(400, error.message.replace(/^advanceTime: /, ''));
    throw error;
  }
  const report = await backend.runDue();
  return { ...clockView(backend, timeZone), ...report };
}

/** `POST /ui/api/reset` with `{ "confirm": "reset" }`: wipes every record and the outbox. */
export async function resetBackend(backend: LocalBackend, body: Record<string, unknown>): Promise<void> {
  // The explicit word makes an accidental or replayed empty POST harmless.
  if (body['confirm'] !== 'reset') throw new HttpError(400, 'confirm must be "reset"');
  await backend.reset();
}

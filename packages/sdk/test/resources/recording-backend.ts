import { type Backend, type BackendRequest, type BackendResponse, SesClient } from '@ses-cli/sdk';

/** One wire request the recording backend received. */
export interface RecordedCall {
  readonly action: string;
  readonly payload: Record<string, unknown>;
}

/** Canned wire answer for an action: a payload, or an error to throw. */
export type Answer = (payload: Record<string, unknown>, callIndex: number) => Record<string, unknown> | Error;

/**
 * A user-supplied backend, the documented seam: records every wire request and answers canned wire
 * responses. Actions without an answer fail the test loudly.
 */
export class RecordingBackend implements Backend {
  readonly name = 'recording';
  readonly calls: RecordedCall[] = [];
  readonly #answers: Partial<Record<string, Answer>>;

  constructor(answers: Partial<Record<string, Answer>> = {}) {
    this.#answers = answers;
  }

  async invoke(request: BackendRequest): Promise<BackendResponse> {
    const index = this.calls.filter((c) => c.action === request.action).length;
    this.calls.push({ action: request.action, payload: request.payload });
    const answer = this.#answers[request.action];
    if (!answer) throw new Error(`recording backend: no answer for ${request.action}`);
    const result = answer(request.payload, index);
    if (result instanceof Error) throw result;
    return { payload: result, requestId: `req-${this.calls.length}` };
  }

  /** Payloads sent for one action, in order. */
  sent(action: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.action === action).map((c) => c.payload);
  }
}

/** A client over a fresh recording backend. */
export function recordingClient(answers: Partial<Record<string, Answer>> = {}) {
  const backend = new RecordingBackend(answers);
  const ses = new SesClient({ backend, region: 'ap-guangzhou', maxRetries: 0 });
  return { ses, backend };
}

/** Answers any action with an empty `Response`. */
export const empty: Answer = () => ({});

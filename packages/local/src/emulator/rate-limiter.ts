/**
 * The documented per-action request rates (20/s, 35/s for `ListEmailAddress`), counted in
 * one-second windows of real time as the service does.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { second: number; count: number }>();

  constructor(
    private readonly limitFor: (action: string) => number,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Counts one request; false when the action is over its rate in the current second. */
  take(action: string): boolean {
    const second = Math.floor(this.nowMs() / 1000);
    const window = this.#windows.get(action);
    if (!window || window.second !== second) {
      this.#windows.set(action, { second, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= this.limitFor(action);
  }
}

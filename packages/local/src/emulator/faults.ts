import { operations } from '@ses-cli/sdk';

/**
 * What an injected fault does to one API call:
 * - `latency`: waits `delayMs` before handling the call (combines with any other fault);
 * - `reset-before`: resets the connection before the call is processed (nothing happened);
 * - `reset-after`: processes the call, then resets the connection instead of answering (the action
 *   HAS taken effect, e.g. the email was accepted, but the client sees a dropped socket);
 * - `http-5xx`: answers `status` (default 502) with a non-JSON body, as a proxy would;
 * - `internal-error`: answers the service's `InternalError` envelope;
 * - `rate-limit`: answers `RequestLimitExceeded` (never processed, as the service guarantees);
 * - `truncated-json`: processes the call and answers the first half of its JSON;
 * - `malformed-json`: processes the call and answers its JSON with every `"` turned into `'`.
 */
export type FaultKind =
  | 'latency'
  | 'reset-before'
  | 'reset-after'
  | 'http-5xx'
  | 'internal-error'
  | 'rate-limit'
  | 'truncated-json'
  | 'malformed-json';

/** One fault rule. Without `times` or `probability` it hits every matching call. */
export interface FaultSpec {
  readonly kind: FaultKind;
  /** For `latency`. @unit milliseconds @default 1000 */
  readonly delayMs?: number;
  /** For `http-5xx`. @default 502 */
  readonly status?: number;
  /**
   * For `http-5xx` and `internal-error`: whether the call is processed before the faulty answer
   * (the server did the work, then failed). @default false
   */
  readonly processed?: boolean;
  /** Let this many matching calls through before the rule starts hitting. @default 0 */
  readonly skip?: number;
  /** Hit this many calls, then expire (a burst). @default unlimited */
  readonly times?: number;
  /** Chance of hitting each eligible call, drawn from a PRNG seeded with `seed`. @default 1 */
  readonly probability?: number;
  /** Seed for `probability`, so a run can be repeated exactly. @default 1 */
  readonly seed?: number;
}

/** Rules by action name, or `'*'` for every action without rules of its own. */
export type FaultMap = Readonly<Record<string, FaultSpec | readonly FaultSpec[]>>;

const KINDS: readonly FaultKind[] = [
  'latency',
  'reset-before',
  'reset-after',
  'http-5xx',
  'internal-error',
  'rate-limit',
  'truncated-json',
  'malformed-json',
];
/** Integer fields and their allowed ranges. */
const INTEGER_FIELDS: Record<string, readonly [number, number]> = {
  delayMs: [0, 600_000],
  status: [500, 599],
  skip: [0, Number.MAX_SAFE_INTEGER],
  times: [1, Number.MAX_SAFE_INTEGER],
  seed: [-(2 ** 31), 2 ** 32 - 1],
};

/**
 * Validates a fault map received over HTTP (`POST /_emulator/faults`).
 * @throws {Error} naming the offending path, e.g. `SendEmail.0.kind`
 */
export function parseFaultMap(value: unknown): FaultMap {
  if (!isObject(value)) throw new Error('(root): expected an object of action → fault');
  // No prototype: an action named `__proto__` must be a key, not replace the map's prototype.
  const map = Object.create(null) as Record<string, FaultSpec[]>;
  for (const [action, specs] of Object.entries(value)) {
    if (action.length === 0 || action.length > 100) throw new Error(`${action}: bad action name`);
    const list = Array.isArray(specs) ? specs : [specs];
    if (list.length > 20) throw new Error(`${action}: at most 20 rules`);
    map[action] = list.map((spec, index) =>
      parseSpec(spec, Array.isArray(specs) ? `${action}.${index}` : action),
    );
  }
  return map;
}

function parseSpec(spec: unknown, path: string): FaultSpec {
  if (!isObject(spec)) throw new Error(`${path}: expected an object`);
  if (!KINDS.includes(spec.kind as FaultKind)) throw new Error(`${path}.kind: one of ${KINDS.join(', ')}`);
  for (const [field, value] of Object.entries(spec)) {
    if (field === 'kind') continue;
    const range = INTEGER_FIELDS[field];
    if (range) {
      if (!Number.isInteger(value) || (value as number) < range[0] || (value as number) > range[1])
        throw new Error(`${path}.${field}: an integer from ${range[0]} to ${range[1]}`);
    } else if (field === 'probability') {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        throw new Error(`${path}.probability: a number from 0 to 1`);
    } else if (field === 'processed') {
      if (typeof value !== 'boolean') throw new Error(`${path}.processed: true or false`);
    } else {
      throw new Error(`${path}.${field}: unknown field`);
    }
  }
  return spec as unknown as FaultSpec;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What to do to one call: an added delay and at most one failure. */
export interface FaultDecision {
  readonly delayMs: number;
  readonly failure: FaultSpec | undefined;
}

const NO_FAULT: FaultDecision = { delayMs: 0, failure: undefined };

interface Rule {
  readonly spec: FaultSpec;
  seen: number;
  hits: number;
  random: () => number;
}

/**
 * Where calls naming no SES action are counted (`X-TC-Action` missing, misspelt, `constructor`…):
 * one bucket, so anonymous junk cannot grow the counters without bound.
 */
export const OTHER_ACTIONS = '(other)';

/** Counts per action, for tests asserting what reached the server. */
export interface FaultStats {
  /**
   * API calls received, by `X-TC-Action` (whether or not a fault hit them); calls naming no SES
   * action are counted under {@link OTHER_ACTIONS}.
   */
  readonly calls: Record<string, number>;
  /** Faults injected, by action (or {@link OTHER_ACTIONS}) and kind (`SendEmail:reset-after`). */
  readonly injected: Record<string, number>;
}

/**
 * Holds the fault rules and decides, call by call, which fault (if any) hits. Off until rules are
 * set; deterministic: counts are exact and probabilities come from a seeded generator.
 */
export class FaultInjector {
  readonly #rules = new Map<string, Rule[]>();
  readonly #calls = new Map<string, number>();
  readonly #injected = new Map<string, number>();

  constructor(initial?: FaultMap) {
    if (initial) this.set(initial);
  }

  /** Replaces the rules of each action named in `faults` (others keep theirs). */
  set(faults: FaultMap): void {
    for (const [action, specs] of Object.entries(faults)) {
      const list = (Array.isArray(specs) ? specs : [specs]) as readonly FaultSpec[];
      this.#rules.set(
        action,
        list.map((spec) => ({ spec: { ...spec }, seen: 0, hits: 0, random: seededRandom(spec.seed ?? 1) })),
      );
    }
  }

  /** Removes the rules of one action, or all rules and counters. */
  clear(action?: string): void {
    if (action !== undefined) {
      this.#rules.delete(action);
      return;
    }
    this.#rules.clear();
    this.#calls.clear();
    this.#injected.clear();
  }

  /** The rules still in force (expired bursts are gone). */
  rules(): Record<string, FaultSpec[]> {
    return Object.fromEntries([...this.#rules].map(([action, rules]) => [action, rules.map((r) => r.spec)]));
  }

  stats(): FaultStats {
    return { calls: Object.fromEntries(this.#calls), injected: Object.fromEntries(this.#injected) };
  }

  /** Records one call to `action` and decides what happens to it. */
  decide(action: string): FaultDecision {
    const counted = countedAction(action);
    this.#calls.set(counted, (this.#calls.get(counted) ?? 0) + 1);
    if (this.#rules.size === 0) return NO_FAULT;
    const key = this.#rules.has(action) ? action : '*';
    const rules = this.#rules.get(key);
    if (!rules) return NO_FAULT;
    let delayMs = 0;
    let failure: FaultSpec | undefined;
    for (const rule of rules) {
      // A failure already chosen leaves the other failure rules untouched (their counts stay exact).
      if (failure && rule.spec.kind !== 'latency') continue;
      if (!hits(rule)) continue;
      this.#count(counted, rule.spec.kind);
      if (rule.spec.kind === 'latency') delayMs += rule.spec.delayMs ?? 1000;
      else failure = rule.spec;
    }
    const live = rules.filter((rule) => rule.spec.times === undefined || rule.hits < rule.spec.times);
    if (live.length === 0) this.#rules.delete(key);
    else if (live.length !== rules.length) this.#rules.set(key, live);
    return { delayMs, failure };
  }

  #count(action: string, kind: FaultKind): void {
    const id = `${action}:${kind}`;
    this.#injected.set(id, (this.#injected.get(id) ?? 0) + 1);
  }
}

/** The counter an action is counted under: its own for an SES action, the shared one otherwise. */
function countedAction(action: string): string {
  return Object.hasOwn(operations, action) ? action : OTHER_ACTIONS;
}

function hits(rule: Rule): boolean {
  rule.seen += 1;
  if (rule.seen <= (rule.spec.skip ?? 0)) return false;
  if (rule.spec.times !== undefined && rule.hits >= rule.spec.times) return false;
  const probability = rule.spec.probability ?? 1;
  if (probability < 1 && rule.random() >= probability) return false;
  rule.hits += 1;
  return true;
}

/** mulberry32: a tiny PRNG, good enough to scatter faults and reproducible from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Fault injection of the fake org: which rule fires on a POST /v1/calls request, and on which items. One seeded
 * PRNG serves every decision of a run, so a run with the same seed and the same requests fires the same faults.
 */

/**
 * Faults, each decided per POST /v1/calls request (whole-request faults) or per item (item faults):
 * - `503`, `429`: answered before anything is applied (with Retry-After: retryAfterSeconds);
 * - `lock500`: HTTP 500 `[{"errorCode":"UNABLE_TO_LOCK_ROW"}]`, nothing applied (platform-level lock error);
 * - `hang`: no answer at all, nothing applied (the client times out);
 * - `timeout`: applied, then no answer (the client times out and must resend: the org says unchanged);
 * - `dropBefore`: connection destroyed before anything is applied;
 * - `dropMidResponse`: applied, then the connection is cut half-way through the answer;
 * - `duplicateDelivery`: the request is applied twice, as if delivered twice; the second answer is returned;
 * - `duplicateResults`: the answer lists some results twice;
 * - `missingResults`: the answer leaves out some results (the client must resend those calls);
 * - `lockItems`: some items rejected with UNABLE_TO_LOCK_ROW, not applied (item-level partial failure);
 * - `queueItems`: some items answered `queued` (QUEUED_FOR_RETRY), kept in the inbox (counts as applied);
 * - `slow`: the answer waits `delayMs`;
 * - `internalError`: HTTP 500 `{ errors: [INTERNAL_ERROR] }`, nothing applied (an unexpected exception in Apex).
 */
export type FaultKind =
  | '503'
  | '429'
  | 'lock500'
  | 'hang'
  | 'timeout'
  | 'dropBefore'
  | 'dropMidResponse'
  | 'duplicateDelivery'
  | 'duplicateResults'
  | 'missingResults'
  | 'lockItems'
  | 'queueItems'
  | 'slow'
  | 'internalError';

export interface FaultRule {
  kind: FaultKind;
  /** Probability per request (whole-request faults) — default 1. */
  rate?: number;
  /** Probability per item (item faults, duplicateResults, missingResults) — default 0.3. */
  itemRate?: number;
  /** Fires at most this many times. */
  times?: number;
  /** Only from this POST request number on (1-based). */
  fromRequest?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
}

/** A rule and how many times it fired. */
export interface RuleState {
  rule: FaultRule;
  fired: number;
}

const ITEM_FAULTS = new Set<FaultKind>(['lockItems', 'queueItems', 'duplicateResults', 'missingResults']);

/** The item faults active on one request. */
export interface ItemFaults {
  /** Rejects an item with UNABLE_TO_LOCK_ROW (rolled per item). */
  lock: () => boolean;
  /** Answers an item `queued` (rolled per item, for items not locked). */
  queue: () => boolean;
  /** The results as answered: some repeated, some left out. */
  garble: (results: unknown[]) => unknown[];
}

export class FaultDice {
  private random: () => number;
  private rules: RuleState[];

  constructor(
    faults: FaultRule[],
    private readonly seed: number,
    /** Counts each fault that fired, by kind. */
    private readonly onFire: (kind: FaultKind) => void
  ) {
    this.random = mulberry32(seed);
    this.rules = faults.map((rule) => ({ rule, fired: 0 }));
  }

  setFaults(faults: FaultRule[]): void {
    this.rules = faults.map((rule) => ({ rule, fired: 0 }));
  }

  /** Starts the dice over (same seed). */
  reset(): void {
    this.random = mulberry32(this.seed);
  }

  /** The whole-request fault of this POST, if any (first matching rule wins). */
  requestFault(requestNo: number): FaultRule | undefined {
    for (const entry of this.rules) {
      if (ITEM_FAULTS.has(entry.rule.kind) || !this.eligible(entry, requestNo)) continue;
      if (this.random() < (entry.rule.rate ?? 1)) {
        this.fire(entry);
        return entry.rule;
      }
    }
    return undefined;
  }

  /** Rolls the item-fault rules of this POST; those that fire apply to its items and its answer. */
  itemFaults(requestNo: number): ItemFaults {
    const active = this.rules.filter(
      (e) => ITEM_FAULTS.has(e.rule.kind) && this.eligible(e, requestNo) && this.random() < (e.rule.rate ?? 1)
    );
    for (const entry of active) this.fire(entry);
    const find = (kind: FaultKind): FaultRule | undefined => active.find((e) => e.rule.kind === kind)?.rule;
    const roll = (rule: FaultRule | undefined) => (): boolean =>
      rule !== undefined && this.random() < (rule.itemRate ?? 0.3);
    const dup = find('duplicateResults');
    const missing = find('missingResults');
    return {
      lock: roll(find('lockItems')),
      queue: roll(find('queueItems')),
      garble: (results) => {
        let answered = results;
        if (dup)
          answered = answered.flatMap((r) => (this.random() < (dup.itemRate ?? 0.3) ? [r, { ...(r as object) }] : [r]));
        if (missing) answered = answered.filter(() => this.random() >= (missing.itemRate ?? 0.3));
        return answered;
      }
    };
  }

  private eligible(entry: RuleState, requestNo: number): boolean {
    const { rule } = entry;
    return (
      (rule.fromRequest === undefined || requestNo >= rule.fromRequest) &&
      (rule.times === undefined || entry.fired < rule.times)
    );
  }

  private fire(entry: RuleState): void {
    entry.fired++;
    this.onFire(entry.rule.kind);
  }
}

/** Small seeded PRNG for the fault dice. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

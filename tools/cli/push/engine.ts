/**
 * The push engine: sends payloads in batches over a Transport, with N batches in flight, retries with exponential
 * backoff and jitter, splits batches the org refuses as a whole, and journals every final per-call result before it
 * moves the checkpoint. Invariants (tested against the fake org under every fault):
 * - a call is finalised once per run (acknowledged, or failed with its reason) and never lost: a call whose fate is
 *   unknown (timeout, dropped connection, missing item result) is sent again — the org answers a redelivery of the
 *   same version with `unchanged`, so resending is safe;
 * - after an interruption (SIGINT) in-flight batches are awaited and journaled, nothing new is sent.
 *
 * Scheduling is p-queue's (at most `concurrency` batches at a time; halves of a split batch go first) and the retry
 * loop of a batch is p-retry's. The waits are this module's: `backoff()` ("equal jitter") or the org's Retry-After,
 * whichever is longer. A batch waiting for its retry keeps its place among the `concurrency` in flight, so that an
 * org pushing back (429, 503, locks) gets fewer requests, not more.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import PQueue from 'p-queue';
import pRetry, { AbortError } from 'p-retry';
import { CliError } from '../cli-kit';
import type { Checkpoint, ResultLine } from './checkpoint';
import { API_BASE, TransportError, type Transport, type TransportResponse } from './transport';

export const CALLS_PATH = `${API_BASE}/calls`;

/** Outcomes meaning "the org has this version (or a newer one)". */
export const ACK_OUTCOMES = new Set(['created', 'updated', 'unchanged', 'stale', 'queued', 'deleted']);
/** Item error codes worth sending again. */
export const RETRYABLE_ITEM_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'REQUEST_RUNNING_TOO_LONG', 'SERVER_UNAVAILABLE']);
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export interface PushItem {
  modjoCallId: string;
  version: number;
  /** The payload, serialised once. */
  json: string;
  bytes: number;
  source: string;
  line?: number;
  pointer: string;
  attempts: number;
  done: boolean;
}

export interface EngineOptions {
  transport: Transport;
  checkpoint: Checkpoint;
  batchSize: number;
  concurrency: number;
  /** Sends per call before it is reported failed. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  maxBatchBytes: number;
  signal: AbortSignal;
  random?: () => number;
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  total: number;
  acknowledged: number;
  failed: number;
  inFlight: number;
  retries: number;
}

export interface PushStats {
  sent: number;
  acknowledged: number;
  failed: number;
  pending: number;
  outcomes: Record<string, number>;
  requests: number;
  retriedRequests: number;
  retriedCalls: number;
  splitBatches: number;
  interrupted: boolean;
}

/** Calls sent together. `attempt` counts the retries of the batch (and of the batch it was split from): the backoff exponent. */
interface Batch {
  items: PushItem[];
  attempt: number;
}

type Reason = { code: string; message: string };

/** p-queue priorities: the halves of a split batch go before batches not sent yet. */
const PRIORITY = { FIRST_SEND: 0, SPLIT: 1 } as const;

interface ItemResult {
  index?: number;
  modjoCallId?: string;
  outcome?: string;
  salesforceId?: string;
  activityId?: string;
  noteId?: string;
  matchStatus?: string;
  warnings?: unknown[];
  errors?: Array<{ code?: string; message?: string; path?: string }>;
}

/** Why the calls of a batch get another attempt, and the least wait the org asked for. */
class RetryLater extends Error {
  constructor(
    readonly reason: Reason,
    readonly retryAfterMs: number
  ) {
    super(reason.message);
    this.name = 'RetryLater';
  }
}

/** What one answer (or its absence) means for the calls of a batch. */
interface Verdict {
  /** Calls that reached their final state. */
  lines: ResultLine[];
  /** Calls whose fate is unknown or that may be accepted later, and why. */
  retry?: { items: PushItem[]; reason: Reason; retryAfterMs?: number };
  /** The org refused the batch as a whole: its halves are sent instead. */
  split?: boolean;
  /** Nothing more can be sent (refused session, missing permission or package). */
  fatal?: Error;
}

export async function runPush(items: PushItem[], options: EngineOptions): Promise<PushStats> {
  return new PushRun(items, options).execute();
}

/** One run of the engine: its queue, its counters and its way to stop. */
class PushRun {
  private readonly stats: PushStats;
  private readonly queue: PQueue;
  /** Aborted on an interruption or a fatal answer: nothing new is sent, retries stop waiting. */
  private readonly stop = new AbortController();
  private readonly random: () => number;
  private fatal: Error | undefined;
  private inFlight = 0;

  constructor(
    private readonly items: PushItem[],
    private readonly options: EngineOptions
  ) {
    this.random = options.random ?? Math.random;
    this.queue = new PQueue({ concurrency: Math.max(1, options.concurrency) });
    this.stats = {
      sent: items.length,
      acknowledged: 0,
      failed: 0,
      pending: 0,
      outcomes: {},
      requests: 0,
      retriedRequests: 0,
      retriedCalls: 0,
      splitBatches: 0,
      interrupted: false
    };
  }

  async execute(): Promise<PushStats> {
    const onInterrupt = (): void => this.halt();
    this.options.signal.addEventListener('abort', onInterrupt, { once: true });
    if (this.options.signal.aborted) this.halt();
    this.progress();
    for (const items of makeBatches(this.items, this.options.batchSize, this.options.maxBatchBytes)) {
      this.enqueue({ items, attempt: 0 }, PRIORITY.FIRST_SEND);
    }
    await this.queue.onIdle();
    this.options.signal.removeEventListener('abort', onInterrupt);
    this.options.checkpoint.save();
    this.stats.pending = this.items.filter((i) => !i.done).length;
    this.stats.interrupted = this.options.signal.aborted && this.stats.pending > 0;
    if (this.fatal) {
      throw this.fatal instanceof CliError ? Object.assign(this.fatal, { stats: this.stats }) : this.fatal;
    }
    return this.stats;
  }

  /** Stops sending: queued batches are dropped (their calls stay pending), batches in flight finish and are journaled. */
  private halt(fatal?: Error): void {
    this.fatal ??= fatal;
    this.stop.abort();
    this.queue.clear();
  }

  private enqueue(batch: Batch, priority: number): void {
    if (this.stop.signal.aborted) return;
    // A batch dropped by halt() rejects here: its calls stay pending, reported as such.
    this.queue.add(() => this.send(batch), { priority }).catch(() => undefined);
  }

  /** Sends a batch again and again until each of its calls is final, out of attempts, split off or stopped. */
  private async send(batch: Batch): Promise<void> {
    try {
      await pRetry(() => this.attempt(batch), {
        // Bounded by the calls: every attempt counts one for each call of the batch, and a call out of attempts is
        // failed, not retried.
        retries: Infinity,
        minTimeout: 0, // the wait is waitBeforeRetry's
        signal: this.stop.signal,
        onFailedAttempt: ({ error }) => this.waitBeforeRetry(batch, error),
        shouldRetry: ({ error }) => error instanceof RetryLater
      });
    } catch (error) {
      // Stopped (interruption or fatal answer): the calls not journaled stay pending. Anything else is a fault.
      if (!this.stop.signal.aborted) this.halt(error as Error);
    }
  }

  private async waitBeforeRetry(batch: Batch, error: Error): Promise<void> {
    if (!(error instanceof RetryLater)) return;
    const { baseDelayMs, maxDelayMs } = this.options;
    const delay = Math.max(error.retryAfterMs, backoff(batch.attempt, baseDelayMs, maxDelayMs, this.random));
    batch.attempt++;
    await sleep(delay, undefined, { signal: this.stop.signal });
  }

  /** One request: journals the calls it settles; throws RetryLater for those to send again. */
  private async attempt(batch: Batch): Promise<void> {
    for (const item of batch.items) item.attempts++;
    const { response, error } = await this.post(batch);
    const verdict = this.judge(batch, response, error);
    const retry = verdict.retry ? this.keepRetrying(batch, verdict.retry, verdict.lines) : undefined;
    this.finalize(verdict.lines);
    this.progress();
    if (verdict.fatal) {
      this.halt(verdict.fatal);
      throw new AbortError(verdict.fatal);
    }
    if (verdict.split) this.split(batch);
    if (retry) throw retry;
  }

  private async post(batch: Batch): Promise<{ response?: TransportResponse; error?: TransportError }> {
    this.inFlight++;
    this.stats.requests++;
    try {
      const response = await this.options.transport.request({
        method: 'POST',
        path: CALLS_PATH,
        body: `{"calls":[${batch.items.map((i) => i.json).join(',')}]}`,
        timeoutMs: this.options.timeoutMs
      });
      return { response };
    } catch (caught) {
      if (caught instanceof TransportError) return { error: caught };
      this.halt(caught as Error);
      throw new AbortError(caught as Error);
    } finally {
      this.inFlight--;
    }
  }

  /** Fails the calls out of attempts; the others stay in the batch for the next attempt. */
  private keepRetrying(
    batch: Batch,
    retry: NonNullable<Verdict['retry']>,
    lines: ResultLine[]
  ): RetryLater | undefined {
    const again: PushItem[] = [];
    for (const item of retry.items) {
      if (item.attempts >= this.options.maxAttempts)
        lines.push(this.line(item, false, 'failed', undefined, [retry.reason]));
      else again.push(item);
    }
    if (again.length === 0) return undefined;
    this.stats.retriedCalls += again.length;
    batch.items = again;
    return new RetryLater(retry.reason, retry.retryAfterMs ?? 0);
  }

  /** Refused as a whole: the halves are sent (first) to isolate the call(s) at fault. */
  private split(batch: Batch): void {
    this.stats.splitBatches++;
    for (const item of batch.items) item.attempts--; // a split is not a failed attempt of the call
    const half = Math.ceil(batch.items.length / 2);
    this.enqueue({ items: batch.items.slice(0, half), attempt: batch.attempt }, PRIORITY.SPLIT);
    this.enqueue({ items: batch.items.slice(half), attempt: batch.attempt }, PRIORITY.SPLIT);
  }

  /** Reads the answer to one request (HTTP status, body) into a verdict on each call of the batch. */
  private judge(batch: Batch, response: TransportResponse | undefined, error: TransportError | undefined): Verdict {
    if (error || !response) {
      this.stats.retriedRequests++;
      const code = (error?.code ?? error?.kind ?? 'ERROR').toUpperCase();
      return { lines: [], retry: { items: batch.items, reason: { code, message: error?.message ?? 'no answer' } } };
    }
    const status = response.status;
    if (status === 200 || status === 201) return this.judgeResults(batch, response);
    const errors = parseErrors(response.body);
    if (RETRYABLE_STATUS.has(status) || errors.some((e) => e.code === 'UNABLE_TO_LOCK_ROW')) {
      this.stats.retriedRequests++;
      const reason = { code: errors[0]?.code ?? `HTTP_${status}`, message: errors[0]?.message ?? `HTTP ${status}` };
      return { lines: [], retry: { items: batch.items, reason, retryAfterMs: retryAfter(response) } };
    }
    const fatal = fatalAnswer(status, errors, response.body);
    if (fatal) return { lines: [], fatal };
    if ((status === 400 || status === 413) && batch.items.length > 1) return { lines: [], split: true };
    const reasons = errors.length ? errors : [{ code: `HTTP_${status}`, message: response.body.slice(0, 500) }];
    return { lines: batch.items.map((item) => this.line(item, false, 'rejected', undefined, reasons)) };
  }

  /** A 200/201 answer: one result per call, matched by index (checked against the id) or else by id. */
  private judgeResults(batch: Batch, response: TransportResponse): Verdict {
    const results = parseResults(response.body);
    if (!results) {
      this.stats.retriedRequests++;
      const reason = { code: 'INVALID_ANSWER', message: `unreadable answer (HTTP ${response.status})` };
      return { lines: [], retry: { items: batch.items, reason } };
    }
    const find = resultFinder(results);
    const lines: ResultLine[] = [];
    const again: PushItem[] = [];
    let lockError: Reason | undefined;
    batch.items.forEach((item, index) => {
      const result = find(item, index);
      const outcome = result?.outcome;
      const retryable = outcome === 'rejected' ? retryableItemError(result) : undefined;
      if (!result || typeof outcome !== 'string') {
        again.push(item); // no verdict for this call: its fate is unknown, send it again
      } else if (ACK_OUTCOMES.has(outcome)) {
        lines.push(this.line(item, true, outcome, result));
      } else if (retryable) {
        lockError = { code: retryable.code ?? 'UNABLE_TO_LOCK_ROW', message: retryable.message ?? '' };
        again.push(item);
      } else {
        lines.push(this.line(item, false, outcome, result));
      }
    });
    if (again.length === 0) return { lines };
    const reason = lockError ?? { code: 'NO_ITEM_RESULT', message: 'the answer had no result for this call' };
    return { lines, retry: { items: again, reason } };
  }

  /** The result line of a call that reached its final state (counted once: the call is done). */
  private line(
    item: PushItem,
    acknowledged: boolean,
    outcome: string,
    result?: ItemResult,
    errors?: unknown[]
  ): ResultLine {
    item.done = true;
    if (acknowledged) this.stats.acknowledged++;
    else this.stats.failed++;
    this.stats.outcomes[outcome] = (this.stats.outcomes[outcome] ?? 0) + 1;
    return {
      modjoCallId: item.modjoCallId,
      version: item.version,
      acknowledged,
      outcome,
      source: item.source,
      ...(item.line === undefined ? {} : { line: item.line }),
      pointer: item.pointer,
      attempts: item.attempts,
      ...(result?.salesforceId ? { salesforceId: result.salesforceId } : {}),
      ...(result?.activityId ? { activityId: result.activityId } : {}),
      ...(result?.noteId ? { noteId: result.noteId } : {}),
      ...(result?.matchStatus ? { matchStatus: result.matchStatus } : {}),
      warnings: result?.warnings ?? [],
      errors: errors ?? result?.errors ?? [],
      at: new Date().toISOString()
    };
  }

  /** Journals the final lines first, then moves the checkpoint (a kill between the two loses nothing). */
  private finalize(lines: ResultLine[]): void {
    this.options.checkpoint.appendResults(lines);
    for (const line of lines) {
      if (line.acknowledged) this.options.checkpoint.add(line.modjoCallId, line.version);
    }
    this.options.checkpoint.saveThrottled(1000);
  }

  private progress(): void {
    this.options.onProgress?.({
      total: this.items.length,
      acknowledged: this.stats.acknowledged,
      failed: this.stats.failed,
      inFlight: this.inFlight,
      retries: this.stats.retriedRequests
    });
  }
}

/** Answers after which nothing more is sent: the session, the permission set or the package is missing. */
function fatalAnswer(
  status: number,
  errors: Array<{ code: string; message: string }>,
  body: string
): Error | undefined {
  if (status === 401) {
    return new CliError(
      `The org refused the session (HTTP 401): log in again (sf org login web)`,
      1,
      'AuthenticationFailed'
    );
  }
  if (status !== 403 && status !== 404 && status !== 415) return undefined;
  const detail = errors[0]?.message ?? body.slice(0, 200);
  const name = status === 403 ? 'PermissionDenied' : status === 404 ? 'EndpointNotFound' : 'UnsupportedMediaType';
  const hint =
    status === 404
      ? ' — is the Modjo package installed in this org?'
      : status === 403
        ? ' — does the user have the Modjo Integration permission set?'
        : '';
  return new CliError(`HTTP ${status} from ${CALLS_PATH}: ${detail}${hint}`, 1, name);
}

/** The `results` array of a 200/201 answer, or undefined when the answer cannot be read. */
function parseResults(body: string): ItemResult[] | undefined {
  try {
    const parsed = JSON.parse(body) as { results?: ItemResult[] } | null;
    return parsed && Array.isArray(parsed.results) ? parsed.results : undefined;
  } catch {
    return undefined;
  }
}

/** Finds the result of a call: at its index when the id agrees (or is absent), else by its id; first one wins. */
function resultFinder(results: ItemResult[]): (item: PushItem, index: number) => ItemResult | undefined {
  const byIndex = new Map<number, ItemResult>();
  const byId = new Map<string, ItemResult>();
  for (const result of results) {
    if (result === null || typeof result !== 'object') continue;
    if (typeof result.index === 'number' && !byIndex.has(result.index)) byIndex.set(result.index, result);
    if (typeof result.modjoCallId === 'string' && !byId.has(result.modjoCallId)) byId.set(result.modjoCallId, result);
  }
  return (item, index) => {
    const atIndex = byIndex.get(index);
    const matches = atIndex && (atIndex.modjoCallId === undefined || atIndex.modjoCallId === item.modjoCallId);
    return matches ? atIndex : byId.get(item.modjoCallId);
  };
}

/** An item error worth sending the call again for (a lock, a request cut short). */
function retryableItemError(result: ItemResult | undefined): { code?: string; message?: string } | undefined {
  return (result?.errors ?? []).find((e) => e && typeof e.code === 'string' && RETRYABLE_ITEM_CODES.has(e.code));
}

/** Consecutive slices of at most `size` calls and `maxBytes` of body. */
export function makeBatches(items: PushItem[], size: number, maxBytes: number): PushItem[][] {
  const batches: PushItem[][] = [];
  let current: PushItem[] = [];
  let bytes = 12;
  for (const item of items) {
    if (current.length > 0 && (current.length >= size || bytes + item.bytes + 1 > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 12;
    }
    current.push(item);
    bytes += item.bytes + 1;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Exponential backoff with "equal jitter": half the window fixed, half random. */
export function backoff(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const window = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(window / 2 + random() * (window / 2));
}

function retryAfter(response: TransportResponse): number {
  const header = response.headers['retry-after'];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(60_000, Math.max(0, seconds * 1000));
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.min(60_000, Math.max(0, date - Date.now())) : 0;
}

/** Whole-request errors: `{ errors: [ … ] }` (the package) or `[ { errorCode, message } ]` (the platform). */
export function parseErrors(body: string): Array<{ code: string; message: string; path?: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { errors?: unknown })?.errors;
  if (!Array.isArray(list)) return [];
  return list
    .filter((e): e is Record<string, unknown> => e !== null && typeof e === 'object')
    .map((e) => ({
      code: String(e.code ?? e.errorCode ?? 'ERROR'),
      message: String(e.message ?? ''),
      ...(typeof e.path === 'string' ? { path: e.path } : {})
    }));
}

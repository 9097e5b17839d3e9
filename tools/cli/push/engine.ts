/**
 * The push engine: sends payloads in batches over a Transport, with N batches in flight, retries with exponential
 * backoff and jitter, splits batches the org refuses as a whole, and journals every final per-call result before it
 * moves the checkpoint. Invariants (tested against the fake org under every fault):
 * - a call is finalised once per run (acknowledged, or failed with its reason) and never lost: a call whose fate is
 *   unknown (timeout, dropped connection, missing item result) is sent again — the org answers a redelivery of the
 *   same version with `unchanged`, so resending is safe;
 * - after an interruption (SIGINT) in-flight batches are awaited and journaled, nothing new is sent.
 */
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

interface Batch {
  items: PushItem[];
  notBefore: number;
  attempt: number;
}

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

export async function runPush(items: PushItem[], options: EngineOptions): Promise<PushStats> {
  const random = options.random ?? Math.random;
  const stats: PushStats = {
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
  const queue: Batch[] = makeBatches(items, options.batchSize, options.maxBatchBytes).map((b) => ({
    items: b,
    notBefore: 0,
    attempt: 0
  }));
  let inFlight = 0;
  let fatal: Error | undefined;
  let wake: () => void = () => undefined;
  let wakeup = new Promise<void>((resolve) => (wake = resolve));
  const notify = (): void => {
    wake();
    wakeup = new Promise<void>((resolve) => (wake = resolve));
  };
  options.signal.addEventListener('abort', notify, { once: true });

  const progress = (): void =>
    options.onProgress?.({
      total: items.length,
      acknowledged: stats.acknowledged,
      failed: stats.failed,
      inFlight,
      retries: stats.retriedRequests
    });

  const finalize = (lines: ResultLine[]): void => {
    options.checkpoint.appendResults(lines);
    for (const line of lines) {
      if (line.acknowledged) options.checkpoint.add(line.modjoCallId, line.version);
    }
    options.checkpoint.saveThrottled(1000);
  };

  const line = (
    item: PushItem,
    acknowledged: boolean,
    outcome: string,
    result?: ItemResult,
    errors?: unknown[]
  ): ResultLine => {
    item.done = true;
    if (acknowledged) stats.acknowledged++;
    else stats.failed++;
    stats.outcomes[outcome] = (stats.outcomes[outcome] ?? 0) + 1;
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
  };

  /** Queues items again after a backoff; items out of attempts are failed with `reason`. */
  const retry = (
    batchItems: PushItem[],
    attempt: number,
    reason: { code: string; message: string },
    retryAfterMs = 0
  ): ResultLine[] => {
    const lines: ResultLine[] = [];
    const again: PushItem[] = [];
    for (const item of batchItems) {
      if (item.attempts >= options.maxAttempts) lines.push(line(item, false, 'failed', undefined, [reason]));
      else again.push(item);
    }
    if (again.length > 0) {
      stats.retriedCalls += again.length;
      const delay = Math.max(retryAfterMs, backoff(attempt, options.baseDelayMs, options.maxDelayMs, random));
      queue.unshift({ items: again, notBefore: Date.now() + delay, attempt: attempt + 1 });
    }
    return lines;
  };

  const handle = (
    batch: Batch,
    response: TransportResponse | undefined,
    error: TransportError | undefined
  ): ResultLine[] => {
    if (error || !response) {
      stats.retriedRequests++;
      return retry(batch.items, batch.attempt, {
        code: (error?.code ?? error?.kind ?? 'ERROR').toUpperCase(),
        message: error?.message ?? 'no answer'
      });
    }
    const status = response.status;
    if (status === 200 || status === 201) {
      let parsed: { results?: ItemResult[] } | undefined;
      try {
        parsed = JSON.parse(response.body) as { results?: ItemResult[] };
      } catch {
        parsed = undefined;
      }
      if (!parsed || !Array.isArray(parsed.results)) {
        stats.retriedRequests++;
        return retry(batch.items, batch.attempt, {
          code: 'INVALID_ANSWER',
          message: `unreadable answer (HTTP ${status})`
        });
      }
      return applyResults(batch, parsed.results);
    }
    const errors = parseErrors(response.body);
    const codes = new Set(errors.map((e) => e.code));
    if (RETRYABLE_STATUS.has(status) || codes.has('UNABLE_TO_LOCK_ROW')) {
      stats.retriedRequests++;
      return retry(
        batch.items,
        batch.attempt,
        { code: errors[0]?.code ?? `HTTP_${status}`, message: errors[0]?.message ?? `HTTP ${status}` },
        retryAfter(response)
      );
    }
    if (status === 401) {
      fatal = new CliError(
        `The org refused the session (HTTP 401): log in again (sf org login web)`,
        1,
        'AuthenticationFailed'
      );
      queue.unshift(batch);
      return [];
    }
    if (status === 403 || status === 404 || status === 415) {
      const detail = errors[0]?.message ?? response.body.slice(0, 200);
      const name = status === 403 ? 'PermissionDenied' : status === 404 ? 'EndpointNotFound' : 'UnsupportedMediaType';
      const hint =
        status === 404
          ? ' — is the Modjo package installed in this org?'
          : status === 403
            ? ' — does the user have the Modjo Integration permission set?'
            : '';
      fatal = new CliError(`HTTP ${status} from ${CALLS_PATH}: ${detail}${hint}`, 1, name);
      queue.unshift(batch);
      return [];
    }
    if ((status === 400 || status === 413) && batch.items.length > 1) {
      // Refused as a whole: split to isolate the call(s) at fault, and send the halves.
      stats.splitBatches++;
      const half = Math.ceil(batch.items.length / 2);
      queue.unshift(
        { items: batch.items.slice(0, half), notBefore: 0, attempt: batch.attempt },
        { items: batch.items.slice(half), notBefore: 0, attempt: batch.attempt }
      );
      for (const item of batch.items) item.attempts--; // a split is not a failed attempt of the call
      return [];
    }
    return batch.items.map((item) =>
      line(
        item,
        false,
        'rejected',
        undefined,
        errors.length ? errors : [{ code: `HTTP_${status}`, message: response.body.slice(0, 500) }]
      )
    );
  };

  const applyResults = (batch: Batch, results: ItemResult[]): ResultLine[] => {
    const byIndex = new Map<number, ItemResult>();
    const byId = new Map<string, ItemResult>();
    for (const result of results) {
      if (result === null || typeof result !== 'object') continue;
      if (typeof result.index === 'number' && !byIndex.has(result.index)) byIndex.set(result.index, result);
      if (typeof result.modjoCallId === 'string' && !byId.has(result.modjoCallId)) byId.set(result.modjoCallId, result);
    }
    const lines: ResultLine[] = [];
    const again: PushItem[] = [];
    let lockError: { code: string; message: string } | undefined;
    batch.items.forEach((item, index) => {
      let result = byIndex.get(index);
      if (result && result.modjoCallId !== undefined && result.modjoCallId !== item.modjoCallId) result = undefined;
      result ??= byId.get(item.modjoCallId);
      const outcome = result?.outcome;
      if (!result || typeof outcome !== 'string') {
        again.push(item); // no verdict for this call: its fate is unknown, send it again
        return;
      }
      if (ACK_OUTCOMES.has(outcome)) {
        lines.push(line(item, true, outcome, result));
        return;
      }
      const retryable = (result.errors ?? []).find(
        (e) => e && typeof e.code === 'string' && RETRYABLE_ITEM_CODES.has(e.code)
      );
      if (outcome === 'rejected' && retryable) {
        lockError = { code: retryable.code ?? 'UNABLE_TO_LOCK_ROW', message: retryable.message ?? '' };
        again.push(item);
        return;
      }
      lines.push(line(item, false, outcome, result));
    });
    if (again.length > 0) {
      lines.push(
        ...retry(
          again,
          batch.attempt,
          lockError ?? { code: 'NO_ITEM_RESULT', message: 'the answer had no result for this call' }
        )
      );
    }
    return lines;
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (fatal || options.signal.aborted) return;
      if (queue.length === 0) {
        if (inFlight === 0) return;
        await wakeup;
        continue;
      }
      const now = Date.now();
      const readyIndex = queue.findIndex((b) => b.notBefore <= now);
      if (readyIndex === -1) {
        const soonest = Math.min(...queue.map((b) => b.notBefore));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, soonest - now))), wakeup]);
        clearTimeout(timer);
        continue;
      }
      const [batch] = queue.splice(readyIndex, 1);
      for (const item of batch.items) item.attempts++;
      inFlight++;
      stats.requests++;
      let response: TransportResponse | undefined;
      let error: TransportError | undefined;
      try {
        response = await options.transport.request({
          method: 'POST',
          path: CALLS_PATH,
          body: `{"calls":[${batch.items.map((i) => i.json).join(',')}]}`,
          timeoutMs: options.timeoutMs
        });
      } catch (caught) {
        if (!(caught instanceof TransportError)) {
          inFlight--;
          fatal = caught as Error;
          notify();
          return;
        }
        error = caught;
      }
      inFlight--;
      finalize(handle(batch, response, error));
      progress();
      notify();
    }
  };

  progress();
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, () => worker()));
  options.checkpoint.save();
  stats.pending = items.filter((i) => !i.done).length;
  stats.interrupted = options.signal.aborted && stats.pending > 0;
  if (fatal) {
    throw fatal instanceof CliError ? Object.assign(fatal, { stats }) : fatal;
  }
  return stats;
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

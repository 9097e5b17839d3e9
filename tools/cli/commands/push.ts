import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CliError, EXIT, UsageError, intFlag, stringFlag, type CommandDef, type Io } from '../cli-kit';
import { forEachPayload, locate } from '../payload-source';
import { checkPayload, loadValidator, toJsonPath } from '../schema';
import { Checkpoint } from '../push/checkpoint';
import { runPush, type Progress, type PushItem, type PushStats } from '../push/engine';
import { TARGET_FLAGS, resolveTransport, targetKey } from '../target';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from '../../../contract/validate';
import { modjoCallIdOf, payloadError, sourceError, type ValidationError } from './validate';

/** What `push` reports: the engine's counters plus what the command itself knows about the input and the files. */
export interface PushResult extends PushStats {
  target: string;
  payloads: number;
  unique: number;
  superseded: number;
  skipped: number;
  durationMs: number;
  callsPerSecond: number;
  checkpointFile: string;
  resultsFile: string;
}

export const pushCommand: CommandDef<PushResult> = {
  name: 'push',
  summary: 'Send call payloads to an org in batches, with retries, a results file and resumable checkpoints.',
  usage: 'push <file|dir|->... --target-org <alias|username> [--batch-size <n>] [--concurrency <n>]',
  description: [
    'Every payload is validated first: if any is invalid nothing is sent (exit 1). Then calls are POSTed to',
    '/services/apexrest/modjo/v1/calls as { "calls": [ … ] } batches (at most 200 calls and 1 MiB each), several',
    'batches at a time. 429, 502/503/504, UNABLE_TO_LOCK_ROW, timeouts and dropped connections are retried with',
    'exponential backoff and jitter (Retry-After honoured). Each call ends as one line of the results file (JSONL).',
    'Acknowledged calls (created, updated, unchanged, stale, queued) go into the checkpoint: a rerun skips them.',
    'Ctrl-C stops sending, waits for the batches in flight, records them and exits 130; run the same command again',
    'to resume. When a modjoCallId appears more than once, only its highest version is sent.',
    'Exit codes: 0 all acknowledged, 1 some call failed or input invalid, 2 usage, 130 interrupted.'
  ].join('\n'),
  examples: [
    'modjo-sf push calls.ndjson --target-org my-sandbox',
    'modjo-sf push backfill/ --target-org admin@acme.com --batch-size 100 --concurrency 2 --results out.jsonl',
    'modjo-sf push calls.ndjson --target-org my-sandbox --json > push-summary.json'
  ],
  flags: [
    ...TARGET_FLAGS,
    {
      name: 'batch-size',
      type: 'string',
      short: 'b',
      placeholder: 'n',
      description: 'Calls per request, 1–200 (default 200).'
    },
    {
      name: 'concurrency',
      type: 'string',
      short: 'c',
      placeholder: 'n',
      description: 'Requests in flight, 1–16 (default 4).'
    },
    {
      name: 'checkpoint',
      type: 'string',
      placeholder: 'file',
      description: 'Checkpoint file (default modjo-push.checkpoint.json).'
    },
    {
      name: 'results',
      type: 'string',
      short: 'r',
      placeholder: 'file',
      description: 'Per-call results, JSONL (default modjo-push.results.jsonl).'
    },
    {
      name: 'max-attempts',
      type: 'string',
      placeholder: 'n',
      description: 'Sends per call before it is reported failed (default 8).'
    },
    { name: 'timeout', type: 'string', placeholder: 'seconds', description: 'Per-request timeout (default 120).' },
    { name: 'retry-base-ms', type: 'string', hidden: true, description: 'First backoff window (default 1000).' },
    { name: 'retry-max-ms', type: 'string', hidden: true, description: 'Largest backoff window (default 30000).' },
    { name: 'timeout-ms', type: 'string', hidden: true, description: 'Per-request timeout in ms (tests).' },
    {
      name: 'max-batch-bytes',
      type: 'string',
      hidden: true,
      description: 'Largest request body (default: the API limit).'
    }
  ],
  async run({ flags, positionals, json, io, signal }) {
    if (positionals.length === 0) throw new UsageError('push needs at least one file, directory or "-"');
    const batchSize = intFlag(flags, 'batch-size', MAX_BATCH_SIZE, 1, MAX_BATCH_SIZE);
    const concurrency = intFlag(flags, 'concurrency', 4, 1, 16);
    const maxAttempts = intFlag(flags, 'max-attempts', 8, 1, 100);
    const timeoutMs = stringFlag(flags, 'timeout-ms')
      ? intFlag(flags, 'timeout-ms', 120_000, 10, 600_000)
      : intFlag(flags, 'timeout', 120, 1, 600) * 1000;
    const baseDelayMs = intFlag(flags, 'retry-base-ms', 1000, 0, 600_000);
    const maxDelayMs = intFlag(flags, 'retry-max-ms', 30_000, 0, 600_000);
    const maxBatchBytes = intFlag(flags, 'max-batch-bytes', MAX_BODY_BYTES, 1000, MAX_BODY_BYTES);
    const checkpointFile = path.resolve(io.cwd, stringFlag(flags, 'checkpoint') ?? 'modjo-push.checkpoint.json');
    const resultsFile = path.resolve(io.cwd, stringFlag(flags, 'results') ?? 'modjo-push.results.jsonl');

    // 1. Read and validate everything before anything is sent (streamed: only the serialised payloads are kept).
    // 2. One entry per call: the highest version wins.
    const validator = loadValidator();
    const errors: ValidationError[] = [];
    const warnings: string[] = [];
    const byId = new Map<string, PushItem>();
    let payloads = 0;
    let superseded = 0;
    await forEachPayload(
      positionals,
      io.cwd,
      io.stdin,
      (record) => {
        payloads++;
        const check = checkPayload(validator, record.payload, toJsonPath('$', record.pointer));
        for (const issue of check.errors) errors.push(payloadError(record, issue));
        if (errors.length > 0) return; // nothing will be sent: only keep collecting errors
        const payload = record.payload as { version: number };
        const id = modjoCallIdOf(payload) as string;
        const existing = byId.get(id);
        if (existing && existing.version >= payload.version) {
          superseded++;
          return;
        }
        if (existing) superseded++;
        const text = JSON.stringify(payload);
        byId.set(id, {
          modjoCallId: id,
          version: payload.version,
          json: text,
          bytes: Buffer.byteLength(text),
          source: record.source,
          ...(record.line === undefined ? {} : { line: record.line }),
          pointer: record.pointer,
          attempts: 0,
          done: false
        });
      },
      (p) => errors.push(sourceError(p))
    );
    if (payloads === 0 && errors.length === 0) {
      throw new CliError('No payload found in the inputs', EXIT.FAILED, 'NoPayloads');
    }
    if (errors.length > 0) {
      const shown = errors.slice(0, 20).map((e) => `  ${locate(e)}  ${e.code}  ${e.message}`);
      throw new CliError(
        `Nothing was sent: ${errors.length} problem(s) in the inputs (run modjo-sf validate for all of them)\n${shown.join('\n')}`,
        EXIT.FAILED,
        'InvalidPayloads',
        { errors }
      );
    }
    if (superseded > 0)
      warnings.push(`${superseded} payload(s) skipped: same modjoCallId with an equal or higher version in the inputs`);

    // 3. Target and resume state.
    const transport = await resolveTransport(flags, io.env, concurrency + 2);
    const target = targetKey(transport);
    const checkpoint = new Checkpoint(checkpointFile, resultsFile, target);
    try {
      checkpoint.load();
      const unique = [...byId.values()];
      const toSend = unique.filter((item) => !checkpoint.isAcknowledged(item.modjoCallId, item.version));
      const skipped = unique.length - toSend.length;
      const progress = progressRenderer(io, json, toSend.length, skipped);
      const started = performance.now();
      let stats: PushStats;
      try {
        stats = await runPush(toSend, {
          transport,
          checkpoint,
          batchSize,
          concurrency,
          maxAttempts,
          baseDelayMs,
          maxDelayMs,
          timeoutMs,
          maxBatchBytes,
          signal,
          onProgress: progress.update
        });
      } finally {
        progress.done();
      }
      const durationMs = performance.now() - started;
      const result: PushResult = {
        target,
        payloads,
        unique: unique.length,
        superseded,
        skipped,
        sent: toSend.length,
        acknowledged: stats.acknowledged,
        failed: stats.failed,
        pending: stats.pending,
        outcomes: stats.outcomes,
        requests: stats.requests,
        retriedRequests: stats.retriedRequests,
        retriedCalls: stats.retriedCalls,
        splitBatches: stats.splitBatches,
        interrupted: stats.interrupted,
        durationMs: Math.round(durationMs),
        callsPerSecond: durationMs > 0 ? Math.round((stats.acknowledged / durationMs) * 1000) : 0,
        checkpointFile,
        resultsFile
      };
      const outcomes = Object.entries(stats.outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      const human = [
        `Target: ${target}`,
        `${payloads} payload(s), ${unique.length} call(s): ${skipped} already acknowledged, ${toSend.length} to send`,
        `Acknowledged ${stats.acknowledged}, failed ${stats.failed}, not sent ${stats.pending}${outcomes ? ` (${outcomes})` : ''}`,
        `${stats.requests} request(s), ${stats.retriedRequests} retried, ${stats.splitBatches} split; ${result.callsPerSecond} calls/s`,
        `Results: ${resultsFile}`,
        `Checkpoint: ${checkpointFile}`
      ].join('\n');
      if (stats.interrupted) {
        return {
          result,
          warnings,
          human,
          exitCode: EXIT.INTERRUPTED,
          failure: {
            name: 'Interrupted',
            message: `Interrupted: ${stats.pending} call(s) not sent; run the same command again to resume`
          }
        };
      }
      if (stats.failed > 0) {
        return {
          result,
          warnings,
          human,
          exitCode: EXIT.FAILED,
          failure: { name: 'PushFailed', message: `${stats.failed} call(s) not acknowledged: see ${resultsFile}` }
        };
      }
      return { result, warnings, human };
    } finally {
      checkpoint.save();
      transport.close();
    }
  }
};

/** A bar on a terminal, a line every ~10 % otherwise, nothing with --json unless stderr is a terminal. */
function progressRenderer(
  io: Io,
  json: boolean,
  total: number,
  skipped: number
): { update: (p: Progress) => void; done: () => void } {
  const started = Date.now();
  if (json && !io.stderrIsTty) return { update: () => undefined, done: () => undefined };
  let lastDecile = -1;
  let lastDraw = 0;
  const render = (p: Progress): string => {
    const finished = p.acknowledged + p.failed;
    const ratio = total === 0 ? 1 : finished / total;
    const width = 28;
    const filled = Math.round(ratio * width);
    const rate = Math.round((p.acknowledged / Math.max(1, Date.now() - started)) * 1000);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${finished}/${total} · ${p.failed} failed · ${p.retries} retries · ${rate} calls/s`;
  };
  if (skipped > 0) io.stderr.write(`Resuming: ${skipped} call(s) already acknowledged are skipped\n`);
  let last: Progress | undefined;
  return {
    update(p) {
      last = p;
      if (io.stderrIsTty) {
        if (Date.now() - lastDraw < 100 && p.acknowledged + p.failed < total) return;
        lastDraw = Date.now();
        io.stderr.write(`\r${render(p)}\x1b[K`);
        return;
      }
      const decile = total === 0 ? 10 : Math.floor(((p.acknowledged + p.failed) / total) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        io.stderr.write(`${render(p)}\n`);
      }
    },
    done() {
      if (io.stderrIsTty && last) io.stderr.write(`\r${render(last)}\x1b[K\n`);
    }
  };
}

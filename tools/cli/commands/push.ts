import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CliError,
  EXIT,
  UsageError,
  intFlag,
  stringFlag,
  type CommandDef,
  type CommandOutcome,
  type FlagValues,
  type Io
} from '../cli-kit';
import { forEachPayload, locate, type PayloadRecord } from '../payload-source';
import { checkPayload, toJsonPath } from '../schema';
import { Checkpoint } from '../push/checkpoint';
import { runPush, type EngineOptions, type Progress, type PushItem, type PushStats } from '../push/engine';
import { TARGET_FLAGS, checkTokenSource, resolveTransport, targetKey } from '../target';
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
  usage: 'push <file|dir|->... --target-org <alias|username> [--batch-size <n>] [--concurrency <n>]',
  flags: [
    ...TARGET_FLAGS,
    {
      name: 'batch-size',
      type: 'string',
      short: 'b',
      placeholder: 'n'
    },
    {
      name: 'concurrency',
      type: 'string',
      short: 'c',
      placeholder: 'n'
    },
    {
      name: 'checkpoint',
      type: 'string',
      placeholder: 'file'
    },
    {
      name: 'results',
      type: 'string',
      short: 'r',
      placeholder: 'file'
    },
    {
      name: 'max-attempts',
      type: 'string',
      placeholder: 'n'
    },
    { name: 'timeout', type: 'string', placeholder: 'seconds' },
    { name: 'retry-base-ms', type: 'string', hidden: true },
    { name: 'retry-max-ms', type: 'string', hidden: true },
    { name: 'timeout-ms', type: 'string', hidden: true },
    {
      name: 'max-batch-bytes',
      type: 'string',
      hidden: true
    }
  ],
  async run({ flags, positionals, json, io, signal, org }) {
    if (positionals.length === 0) throw new UsageError('push needs at least one file, directory or "-"');
    checkTokenSource(flags, positionals);
    const settings = pushSettings(flags, io.cwd);
    const input = await readPushInput(positionals, io);
    const transport = await resolveTransport(flags, io, settings.concurrency + 2, org);
    const target = targetKey(transport);
    const checkpoint = new Checkpoint(settings.checkpointFile, settings.resultsFile, target);
    try {
      checkpoint.load();
      const unique = [...input.byId.values()];
      const toSend = unique.filter((item) => !checkpoint.isAcknowledged(item.modjoCallId, item.version));
      const progress = progressRenderer(io, json, toSend.length, unique.length - toSend.length);
      const started = performance.now();
      let stats: PushStats;
      try {
        stats = await runPush(toSend, {
          ...settings.engine,
          transport,
          checkpoint,
          signal,
          onProgress: progress.update
        });
      } finally {
        progress.done();
      }
      const result = pushResult(
        target,
        input,
        unique.length,
        toSend.length,
        stats,
        performance.now() - started,
        settings
      );
      return pushOutcome(result, input.warnings);
    } finally {
      checkpoint.save();
      transport.close();
    }
  }
};

/** The flags of push, checked and with their defaults. */
interface PushSettings {
  concurrency: number;
  checkpointFile: string;
  resultsFile: string;
  engine: Omit<EngineOptions, 'transport' | 'checkpoint' | 'signal' | 'onProgress'>;
}

/** The numeric flags of push: default and range (--timeout in seconds). */
export const PUSH_LIMITS = {
  'batch-size': { default: MAX_BATCH_SIZE, min: 1, max: MAX_BATCH_SIZE },
  concurrency: { default: 4, min: 1, max: 16 },
  'max-attempts': { default: 8, min: 1, max: 100 },
  timeout: { default: 120, min: 1, max: 600 },
  'timeout-ms': { default: 120_000, min: 10, max: 600_000 },
  'retry-base-ms': { default: 1000, min: 0, max: 600_000 },
  'retry-max-ms': { default: 30_000, min: 0, max: 600_000 },
  'max-batch-bytes': { default: MAX_BODY_BYTES, min: 1000, max: MAX_BODY_BYTES }
} as const;

function limited(flags: FlagValues, name: keyof typeof PUSH_LIMITS): number {
  const limit = PUSH_LIMITS[name];
  return intFlag(flags, name, limit.default, limit.min, limit.max);
}

function pushSettings(flags: FlagValues, cwd: string): PushSettings {
  const engine = {
    batchSize: limited(flags, 'batch-size'),
    concurrency: limited(flags, 'concurrency'),
    maxAttempts: limited(flags, 'max-attempts'),
    timeoutMs: stringFlag(flags, 'timeout-ms') ? limited(flags, 'timeout-ms') : limited(flags, 'timeout') * 1000,
    baseDelayMs: limited(flags, 'retry-base-ms'),
    maxDelayMs: limited(flags, 'retry-max-ms'),
    maxBatchBytes: limited(flags, 'max-batch-bytes')
  };
  return {
    concurrency: engine.concurrency,
    checkpointFile: path.resolve(cwd, stringFlag(flags, 'checkpoint') ?? 'modjo-push.checkpoint.json'),
    resultsFile: path.resolve(cwd, stringFlag(flags, 'results') ?? 'modjo-push.results.jsonl'),
    engine
  };
}

/** The inputs, read and validated before anything is sent: one entry per call, its highest version. */
interface PushInput {
  payloads: number;
  superseded: number;
  byId: Map<string, PushItem>;
  warnings: string[];
}

/** Streams the inputs (only the serialised payloads are kept); refuses them all if any is invalid. */
async function readPushInput(positionals: string[], io: Io): Promise<PushInput> {
  const errors: ValidationError[] = [];
  const input: PushInput = { payloads: 0, superseded: 0, byId: new Map(), warnings: [] };
  await forEachPayload(
    positionals,
    io.cwd,
    io.stdin,
    (record) => {
      input.payloads++;
      const check = checkPayload(record.payload, toJsonPath('$', record.pointer));
      for (const issue of check.errors) errors.push(payloadError(record, issue));
      if (errors.length === 0) keepHighestVersion(input, record); // else nothing will be sent: only collect errors
    },
    (p) => errors.push(sourceError(p))
  );
  if (input.payloads === 0 && errors.length === 0) {
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
  if (input.superseded > 0)
    input.warnings.push(
      `${input.superseded} payload(s) skipped: same modjoCallId with an equal or higher version in the inputs`
    );
  return input;
}

/** When a modjoCallId appears more than once, only its highest version is kept. */
function keepHighestVersion(input: PushInput, record: PayloadRecord): void {
  const payload = record.payload as { version: number };
  const id = modjoCallIdOf(payload) as string;
  const existing = input.byId.get(id);
  if (existing && existing.version >= payload.version) {
    input.superseded++;
    return;
  }
  if (existing) input.superseded++;
  const text = JSON.stringify(payload);
  input.byId.set(id, {
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
}

function pushResult(
  target: string,
  input: PushInput,
  unique: number,
  sent: number,
  stats: PushStats,
  durationMs: number,
  settings: PushSettings
): PushResult {
  return {
    target,
    payloads: input.payloads,
    unique,
    superseded: input.superseded,
    skipped: unique - sent,
    sent,
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
    checkpointFile: settings.checkpointFile,
    resultsFile: settings.resultsFile
  };
}

/** The human summary and the exit code: 130 when interrupted, 1 when a call failed, else 0. */
function pushOutcome(result: PushResult, warnings: string[]): CommandOutcome<PushResult> {
  const outcomes = Object.entries(result.outcomes)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const human = [
    `Target: ${result.target}`,
    `${result.payloads} payload(s), ${result.unique} call(s): ${result.skipped} already acknowledged, ${result.sent} to send`,
    `Acknowledged ${result.acknowledged}, failed ${result.failed}, not sent ${result.pending}${outcomes ? ` (${outcomes})` : ''}`,
    `${result.requests} request(s), ${result.retriedRequests} retried, ${result.splitBatches} split; ${result.callsPerSecond} calls/s`,
    `Results: ${result.resultsFile}`,
    `Checkpoint: ${result.checkpointFile}`
  ].join('\n');
  if (result.interrupted) {
    const message = `Interrupted: ${result.pending} call(s) not sent; run the same command again to resume`;
    return { result, warnings, human, exitCode: EXIT.INTERRUPTED, failure: { name: 'Interrupted', message } };
  }
  if (result.failed > 0) {
    const message = `${result.failed} call(s) not acknowledged: see ${result.resultsFile}`;
    return { result, warnings, human, exitCode: EXIT.FAILED, failure: { name: 'PushFailed', message } };
  }
  return { result, warnings, human };
}

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

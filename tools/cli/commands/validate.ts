import { performance } from 'node:perf_hooks';
import { EXIT, UsageError, type CommandDef, type CommandOutcome } from '../cli-kit';
import { forEachPayload, locate, type PayloadRecord, type SourceProblem } from '../payload-source';
import { DEFAULT_ALLOWED_LINK_HOSTS } from '../../../contract/links';
import { bodySizeError, checkPayload, toJsonPath, type PayloadCheck, type PayloadIssue } from '../schema';

export interface ValidationError {
  source: string;
  /** 1-based line of the NDJSON input. */
  line?: number;
  /** JSON path of the problem in its document (line), as the API gives it: `$.calls[3].startedAt`. */
  path: string;
  code: string;
  message: string;
  modjoCallId?: string;
}

/** A warning of one payload (TRUNCATED, UNKNOWN_PROPERTY, LINK_DROPPED), located like an error. */
export type ValidationWarning = ValidationError;

export interface ValidateResult {
  files: number;
  payloads: number;
  valid: number;
  invalid: number;
  errors: ValidationError[];
  /** Every warning with its input, line and JSON path (the envelope's `warnings` only count them). */
  warnings: ValidationWarning[];
  /** Wall time: reading, parsing and validating. */
  durationMs: number;
  /** End to end (read + parse + validate). */
  payloadsPerSecond: number;
  /** Schema validation alone. */
  schemaValidationsPerSecond: number;
}

/** What the inputs held, counted as they stream by. */
interface Tally {
  payloads: number;
  invalid: number;
  problems: number;
  validationMs: number;
  errors: ValidationError[];
  warnings: ValidationWarning[];
  seen: Map<string, number>;
}

export const validateCommand: CommandDef<ValidateResult> = {
  name: 'validate',
  usage: 'validate <file|dir|->... [--json]',
  flags: [],
  async run({ positionals, io }) {
    if (positionals.length === 0) throw new UsageError('validate needs at least one file, directory or "-"');
    const tally: Tally = {
      payloads: 0,
      invalid: 0,
      problems: 0,
      validationMs: 0,
      errors: [],
      warnings: [],
      seen: new Map()
    };
    const started = performance.now();
    const { files } = await forEachPayload(
      positionals,
      io.cwd,
      io.stdin,
      (record) => countPayload(tally, record),
      (p) => {
        tally.problems++;
        tally.errors.push(sourceError(p));
      }
    );
    return outcome(tally, files.length, performance.now() - started);
  }
};

/** Checks one payload as the org would answer it in the body push sends, and counts it. */
function countPayload(tally: Tally, record: PayloadRecord): void {
  tally.payloads++;
  const id = modjoCallIdOf(record.payload);
  if (id !== undefined) tally.seen.set(id, (tally.seen.get(id) ?? 0) + 1);
  const t0 = performance.now();
  const check = checkOne(record);
  tally.validationMs += performance.now() - t0;
  for (const issue of check.warnings) tally.warnings.push(payloadError(record, issue, id));
  if (check.errors.length === 0) return;
  tally.invalid++;
  for (const issue of check.errors) tally.errors.push(payloadError(record, issue, id));
}

/** The payload's errors and warnings; an unexpected failure of the check is an error of this payload only. */
function checkOne(record: PayloadRecord): PayloadCheck {
  const basePath = toJsonPath('$', record.pointer);
  try {
    const check = checkPayload(record.payload, basePath);
    const tooLarge = bodySizeError(record.payload, basePath);
    return tooLarge ? { errors: [tooLarge, ...check.errors], warnings: check.warnings } : check;
  } catch (error) {
    const message = `The payload could not be checked: ${(error as Error).message}`;
    return { errors: [{ code: 'INTERNAL_ERROR', message, path: basePath }], warnings: [] };
  }
}

/** Summary warnings of the envelope: duplicates, and how many warnings of each code. */
function summaryWarnings(tally: Tally): string[] {
  const warnings: string[] = [];
  for (const [id, count] of tally.seen) {
    if (count > 1) warnings.push(`modjoCallId "${id}" appears ${count} times (push sends only its highest version)`);
  }
  const count = (code: string): number => tally.warnings.filter((w) => w.code === code).length;
  const truncations = count('TRUNCATED');
  const links = count('LINK_DROPPED');
  const unknown = count('UNKNOWN_PROPERTY');
  if (truncations > 0)
    warnings.push(`${truncations} free-text value(s) longer than their field will be truncated by the org (TRUNCATED)`);
  if (links > 0)
    warnings.push(
      `${links} link(s) not https to an allowed host will be dropped by the org ` +
        `(LINK_DROPPED; default hosts: ${DEFAULT_ALLOWED_LINK_HOSTS})`
    );
  if (unknown > 0) warnings.push(`${unknown} unknown propert(ies) will be ignored by the org (UNKNOWN_PROPERTY)`);
  return warnings;
}

function outcome(tally: Tally, files: number, durationMs: number): CommandOutcome<ValidateResult> {
  const { payloads, invalid, problems, validationMs } = tally;
  const result: ValidateResult = {
    files,
    payloads,
    valid: payloads - invalid,
    invalid,
    errors: tally.errors,
    warnings: tally.warnings,
    durationMs: Math.round(durationMs * 10) / 10,
    payloadsPerSecond: durationMs > 0 ? Math.round((payloads / durationMs) * 1000) : payloads,
    schemaValidationsPerSecond: validationMs > 0 ? Math.round((payloads / validationMs) * 1000) : payloads
  };
  const human = [
    ...tally.errors.map((e) => `${locate(e)}  ${e.code}  ${e.message}`),
    `${payloads} payload(s) in ${files} input(s): ${result.valid} valid, ${invalid} invalid` +
      (problems ? `, ${problems} input problem(s)` : '') +
      ` (${result.durationMs} ms, ${result.payloadsPerSecond} payloads/s)`
  ].join('\n');
  const failed = invalid > 0 || problems > 0;
  const failure = {
    name: 'InvalidPayloads',
    message: `${invalid} of ${payloads} payload(s) invalid, ${problems} input problem(s)`
  };
  return {
    result,
    warnings: summaryWarnings(tally),
    human,
    ...(failed ? { exitCode: EXIT.FAILED, failure } : {})
  };
}

/** A problem of one payload, located in its input (file, NDJSON line) and document (JSON path). */
export function payloadError(record: PayloadRecord, issue: PayloadIssue, modjoCallId?: string): ValidationError {
  return {
    source: record.source,
    ...(record.line === undefined ? {} : { line: record.line }),
    path: issue.path,
    code: issue.code,
    message: issue.message,
    ...(modjoCallId === undefined ? {} : { modjoCallId })
  };
}

/** An input that could not be read or parsed as payloads. */
export function sourceError(problem: SourceProblem): ValidationError {
  return {
    source: problem.source,
    ...(problem.line === undefined ? {} : { line: problem.line }),
    path: toJsonPath('$', problem.pointer ?? ''),
    code: problem.code,
    message: problem.message
  };
}

export function modjoCallIdOf(payload: unknown): string | undefined {
  if (payload === null || typeof payload !== 'object' || !Object.hasOwn(payload, 'modjoCallId')) return undefined;
  const id = (payload as { modjoCallId?: unknown }).modjoCallId;
  return typeof id === 'string' ? id : undefined;
}

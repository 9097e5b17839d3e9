import { performance } from 'node:perf_hooks';
import { EXIT, UsageError, type CommandDef } from '../cli-kit';
import { forEachPayload, locate, type PayloadRecord, type SourceProblem } from '../payload-source';
import { checkPayload, loadValidator, toJsonPath, type PayloadIssue } from '../schema';

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

export interface ValidateResult {
  files: number;
  payloads: number;
  valid: number;
  invalid: number;
  errors: ValidationError[];
  /** Wall time: reading, parsing and validating. */
  durationMs: number;
  /** End to end (read + parse + validate). */
  payloadsPerSecond: number;
  /** Schema validation alone. */
  schemaValidationsPerSecond: number;
}

export const validateCommand: CommandDef<ValidateResult> = {
  name: 'validate',
  usage: 'validate <file|dir|->... [--json]',
  flags: [],
  async run({ positionals, io }) {
    if (positionals.length === 0) throw new UsageError('validate needs at least one file, directory or "-"');
    const validator = loadValidator();
    const errors: ValidationError[] = [];
    const warnings: string[] = [];
    const seen = new Map<string, number>();
    let payloads = 0;
    let invalid = 0;
    let problems = 0;
    let truncations = 0;
    let unknownProperties = 0;
    let validationMs = 0;
    const started = performance.now();
    const { files } = await forEachPayload(
      positionals,
      io.cwd,
      io.stdin,
      (record) => {
        payloads++;
        const id = modjoCallIdOf(record.payload);
        if (id !== undefined) seen.set(id, (seen.get(id) ?? 0) + 1);
        const t0 = performance.now();
        const check = checkPayload(validator, record.payload, toJsonPath('$', record.pointer));
        validationMs += performance.now() - t0;
        for (const w of check.warnings) {
          if (w.code === 'TRUNCATED') truncations++;
          else unknownProperties++;
        }
        if (check.errors.length === 0) return;
        invalid++;
        for (const issue of check.errors) errors.push(payloadError(record, issue, id));
      },
      (p) => {
        problems++;
        errors.push(sourceError(p));
      }
    );
    const durationMs = performance.now() - started;
    for (const [id, count] of seen) {
      if (count > 1) warnings.push(`modjoCallId "${id}" appears ${count} times (push sends only its highest version)`);
    }
    if (truncations > 0)
      warnings.push(
        `${truncations} free-text value(s) longer than their field will be truncated by the org (TRUNCATED)`
      );
    if (unknownProperties > 0)
      warnings.push(`${unknownProperties} unknown propert(ies) will be ignored by the org (UNKNOWN_PROPERTY)`);
    const result: ValidateResult = {
      files: files.length,
      payloads,
      valid: payloads - invalid,
      invalid,
      errors,
      durationMs: Math.round(durationMs * 10) / 10,
      payloadsPerSecond: durationMs > 0 ? Math.round((payloads / durationMs) * 1000) : payloads,
      schemaValidationsPerSecond: validationMs > 0 ? Math.round((payloads / validationMs) * 1000) : payloads
    };
    const failed = invalid > 0 || problems > 0;
    const human = [
      ...errors.map((e) => `${locate(e)}  ${e.code}  ${e.message}`),
      `${result.payloads} payload(s) in ${result.files} input(s): ${result.valid} valid, ${result.invalid} invalid` +
        (problems ? `, ${problems} input problem(s)` : '') +
        ` (${result.durationMs} ms, ${result.payloadsPerSecond} payloads/s)`
    ].join('\n');
    return {
      result,
      warnings,
      human,
      ...(failed
        ? {
            exitCode: EXIT.FAILED,
            failure: {
              name: 'InvalidPayloads',
              message: `${invalid} of ${payloads} payload(s) invalid, ${problems} input problem(s)`
            }
          }
        : {})
    };
  }
};

/** A schema problem of one payload, located in its input (file, NDJSON line) and document (JSON path). */
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
  if (payload === null || typeof payload !== 'object') return undefined;
  const id = (payload as { modjoCallId?: unknown }).modjoCallId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * `sf modjo …`: the Salesforce CLI entry point of the same commands as `modjo-sf` (tools/cli/commands). The command
 * classes (commands/modjo/*.mts, oclif + @salesforce/sf-plugins-core) only declare flags and help; this module runs
 * the shared command with oclif's parsed flags and turns its outcome into what SfCommand expects: the result (sf
 * prints the `{ status, result, warnings }` envelope with --json), warnings through SfCommand.warn, the human report
 * through SfCommand.log, and failures as an SfError carrying the exit code and the details (`data`).
 */
import { SfError } from '@salesforce/core';
import {
  CliError,
  EXIT,
  abortOnSignals,
  exitQuietlyOnClosedStdout,
  processIo,
  type CommandDef,
  type CommandOutcome,
  type ConnectedOrg,
  type FlagValues
} from '../cli/cli-kit';

/** What a command class hands over: oclif's parsed flags and arguments. */
export interface SfInput {
  flags: Record<string, unknown>;
  argv: string[];
  json: boolean;
  /** The org of --target-org (Flags.requiredOrg). */
  org?: ConnectedOrg;
}

/** The output side of an SfCommand. */
export interface SfOutput {
  log(text: string): void;
  warn(text: string): void;
}

/** Runs a shared command under sf; resolves with its result or throws an SfError. */
export async function runUnderSf<R>(command: CommandDef<R>, input: SfInput, out: SfOutput): Promise<R> {
  const { signal, dispose } = abortOnSignals(process.stderr);
  exitQuietlyOnClosedStdout();
  try {
    const outcome = await command.run({
      flags: toFlagValues(input.flags),
      positionals: input.argv,
      json: input.json,
      io: processIo(),
      signal,
      ...(input.org ? { org: input.org } : {})
    });
    return settle(outcome, out);
  } catch (error) {
    throw toSfError(error);
  } finally {
    dispose();
  }
}

/**
 * oclif's values as the shared commands read them (strings, booleans, lists): numbers become text (the shared
 * command checks their range again), the resolved org is passed on its own.
 */
export function toFlagValues(flags: Record<string, unknown>): FlagValues {
  const values: FlagValues = {};
  for (const [name, value] of Object.entries(flags)) {
    if (typeof value === 'number') values[name] = String(value);
    else if (typeof value === 'string' || typeof value === 'boolean') values[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) values[name] = value;
  }
  return values;
}

/** Warnings and the human report out; a failure outcome becomes an SfError with its result as `data`. */
export function settle<R>(outcome: CommandOutcome<R>, out: SfOutput): R {
  for (const warning of outcome.warnings ?? []) out.warn(warning);
  if (outcome.human) out.log(outcome.human.replace(/\n$/, ''));
  const exitCode = outcome.exitCode ?? EXIT.OK;
  if (exitCode === EXIT.OK) return outcome.result;
  const failure = outcome.failure ?? { name: 'CommandFailed', message: 'The command failed' };
  throw sfError(failure.message, failure.name, exitCode, outcome.result);
}

/** Errors of the shared code as sf reports them: name, message, exit code and details kept. */
export function toSfError(error: unknown): SfError {
  if (error instanceof SfError) return error;
  if (error instanceof CliError) return sfError(error.message, error.errorName, error.exitCode, error.data);
  return sfError(error instanceof Error ? error.message : String(error), 'UnexpectedError', EXIT.FAILED);
}

function sfError(message: string, name: string, exitCode: number, data?: unknown): SfError {
  const error = new SfError(message, name, undefined, exitCode);
  if (data !== undefined) error.setData(data as Parameters<SfError['setData']>[0]);
  return error;
}

/**
 * Small command framework for modjo-sf: flag parsing (node:util parseArgs), help text, and the
 * sf-CLI-style output envelope (`{ status, result, warnings }` / `{ status, name, message, exitCode }`).
 */
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { commandHelpTexts } from './messages';

/** Exit codes used by every command (documented in docs/cli.md). */
export const EXIT = {
  OK: 0,
  FAILED: 1,
  USAGE: 2,
  INTERRUPTED: 130
} as const;

export interface FlagDef {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  /** Hidden flags are accepted but not listed by --help (test and troubleshooting switches). */
  hidden?: boolean;
  multiple?: boolean;
  placeholder?: string;
}

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

export interface Io {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stderr is an interactive terminal (progress bar instead of log lines). */
  stderrIsTty: boolean;
}

export interface CommandContext {
  flags: FlagValues;
  positionals: string[];
  json: boolean;
  io: Io;
  /** Aborted on the first SIGINT/SIGTERM; commands finish their current step and return. */
  signal: AbortSignal;
  /** The org already resolved by the entry point (`sf modjo …`: --target-org); else push and status resolve it. */
  org?: ConnectedOrg;
}

/** What push and status need of an org resolved by the Salesforce CLI (an @salesforce/core Org). */
export interface ConnectedOrg {
  getConnection(): import('@salesforce/core').Connection;
}

export interface CommandOutcome<R> {
  result: R;
  /** 0 unless the command wants to report a failure while still returning a result. */
  exitCode?: number;
  /** With a non-zero exit code: the error name and message of the JSON envelope. */
  failure?: { name: string; message: string };
  warnings?: string[];
  /** Human-readable rendering of the result (printed without --json). */
  human?: string;
}

/** A command of both entry points; its help texts are in messages/modjo.<name>.md (see messages.ts). */
export interface CommandDef<R = unknown> {
  name: string;
  usage: string;
  flags: FlagDef[];
  run(ctx: CommandContext): Promise<CommandOutcome<R>>;
}

/** An error the user can act on; printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    public readonly exitCode: number = EXIT.FAILED,
    public readonly errorName: string = 'ModjoSfError',
    public readonly data?: unknown
  ) {
    super(message);
    this.name = errorName;
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.USAGE, 'UsageError');
  }
}

export const COMMON_FLAGS: FlagDef[] = [
  { name: 'json', type: 'boolean' },
  { name: 'help', type: 'boolean', short: 'h' }
];

const COMMON_FLAG_SUMMARIES: Record<string, string> = {
  json: 'Format output as JSON (sf CLI conventions).',
  help: 'Show help for the command.'
};

/** Parses argv for one command; unknown flags are usage errors. */
export function parseCommandArgs(def: CommandDef, argv: string[]): { flags: FlagValues; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const flag of [...def.flags, ...COMMON_FLAGS]) {
    options[flag.name] = {
      type: flag.type,
      ...(flag.short ? { short: flag.short } : {}),
      ...(flag.multiple ? { multiple: true } : {})
    };
  }
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { flags: parsed.values as FlagValues, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\. To specify a positional.*$/s, '')}. See: modjo-sf ${def.name} --help`
    );
  }
}

export function stringFlag(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  if (Array.isArray(value)) return value[value.length - 1];
  return typeof value === 'string' ? value : undefined;
}

export function intFlag(flags: FlagValues, name: string, fallback: number, min: number, max: number): number {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function commandHelp(def: CommandDef): string {
  const texts = commandHelpTexts(def.name);
  const summaries = { ...texts.flags, ...COMMON_FLAG_SUMMARIES };
  const visible = [...def.flags.filter((f) => !f.hidden), ...COMMON_FLAGS];
  const width = Math.max(...visible.map((f) => flagLabel(f).length)) + 2;
  const lines = [
    texts.summary,
    '',
    'USAGE',
    `  $ modjo-sf ${def.usage}`,
    '',
    'FLAGS',
    ...visible.map((f) => `  ${flagLabel(f).padEnd(width)}${summaries[f.name] ?? ''}`),
    '',
    'DESCRIPTION',
    ...wrap(texts.description, 110).map((l) => (l ? `  ${l}` : '')),
    '',
    'EXAMPLES',
    ...texts.examples.flatMap((e) => {
      const exampleLines = e.split('\n');
      const command = exampleLines.pop() ?? '';
      return [...exampleLines.map((l) => `  ${l}`), `    $ ${command}`, ''];
    })
  ];
  return lines.join('\n');
}

/** Paragraphs wrapped at `width` columns (blank lines kept). */
function wrap(text: string, width: number): string[] {
  return text.split('\n').flatMap((paragraph) => {
    const lines: string[] = [];
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
    return lines;
  });
}

function flagLabel(f: FlagDef): string {
  const short = f.short ? `-${f.short}, ` : '    ';
  const value = f.type === 'string' ? ` <${f.placeholder ?? 'value'}>` : '';
  return `${short}--${f.name}${value}`;
}

/** Writes text and resolves once the stream accepted it (respects back-pressure). */
export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(text, (error) => (error ? reject(error) : undefined));
    if (ok) resolve();
    else stream.once('drain', resolve);
  });
}

export interface SuccessEnvelope<R> {
  status: 0;
  result: R;
  warnings: string[];
}

export interface ErrorEnvelope {
  status: number;
  name: string;
  message: string;
  exitCode: number;
  warnings: string[];
  data?: unknown;
}

export function successEnvelope<R>(result: R, warnings: string[] = []): SuccessEnvelope<R> {
  return { status: 0, result, warnings };
}

export function errorEnvelope(
  name: string,
  message: string,
  exitCode: number,
  warnings: string[] = [],
  data?: unknown
): ErrorEnvelope {
  return { status: exitCode, name, message, exitCode, warnings, ...(data === undefined ? {} : { data }) };
}

/** A closed stdout (e.g. `| head`) ends the process quietly: it is not an error worth a stack trace. */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
}

/** The streams, environment and folder of this process. */
export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    stderrIsTty: Boolean(process.stderr.isTTY)
  };
}

/**
 * The first SIGINT/SIGTERM aborts the returned signal (commands finish their current step: push waits for the
 * batches in flight and saves its checkpoint); a second one exits at once with 130.
 */
export function abortOnSignals(stderr: Writable): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(EXIT.INTERRUPTED);
    stderr.write(`\n${sig} received: finishing in-flight requests and saving the checkpoint (again to quit now)\n`);
    controller.abort(new Error(sig));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const dispose = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  return { signal: controller.signal, dispose };
}

/**
 * Small command framework for modjo-sf: flag parsing (node:util parseArgs), help text, and the
 * sf-CLI-style output envelope (`{ status, result, warnings }` / `{ status, name, message, exitCode }`).
 */
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';

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
  description: string;
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

export interface CommandDef<R = unknown> {
  name: string;
  summary: string;
  usage: string;
  description: string;
  examples: string[];
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
  { name: 'json', type: 'boolean', description: 'Format output as JSON (sf CLI conventions).' },
  { name: 'help', type: 'boolean', short: 'h', description: 'Show help for the command.' }
];

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
  const visible = [...def.flags.filter((f) => !f.hidden), ...COMMON_FLAGS];
  const width = Math.max(...visible.map((f) => flagLabel(f).length)) + 2;
  const lines = [
    def.summary,
    '',
    'USAGE',
    `  $ modjo-sf ${def.usage}`,
    '',
    'FLAGS',
    ...visible.map((f) => `  ${flagLabel(f).padEnd(width)}${f.description}`),
    '',
    'DESCRIPTION',
    ...def.description.split('\n').map((l) => (l ? `  ${l}` : '')),
    '',
    'EXAMPLES',
    ...def.examples.map((e) => `  $ ${e}`),
    ''
  ];
  return lines.join('\n');
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

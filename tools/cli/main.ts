/**
 * modjo-sf entry point: picks the command, parses flags, prints the result (human or --json) and sets the exit code.
 */
import {
  CliError,
  EXIT,
  abortOnSignals,
  exitQuietlyOnClosedStdout,
  commandHelp,
  errorEnvelope,
  parseCommandArgs,
  processIo,
  successEnvelope,
  write,
  type CommandDef,
  type Io
} from './cli-kit';
import { commandHelpTexts } from './messages';
import { validateCommand } from './commands/validate';
import { sampleCommand } from './commands/sample';
import { pushCommand } from './commands/push';
import { statusCommand } from './commands/status';
import { matchCommand } from './commands/match';

export const COMMANDS: CommandDef[] = [
  validateCommand as CommandDef,
  sampleCommand as CommandDef,
  pushCommand as CommandDef,
  statusCommand as CommandDef,
  matchCommand as CommandDef
];

export const VERSION = '0.1.0';

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'modjo-sf: validate, generate, push, check and preview the matching of Modjo call payloads for Salesforce.',
    '',
    'USAGE',
    '  $ modjo-sf <command> [flags]',
    '',
    'COMMANDS',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${commandHelpTexts(c.name).summary}`),
    '',
    'Run "modjo-sf <command> --help" for the flags of a command. Every command accepts --json.',
    ''
  ].join('\n');
}

/** Runs one invocation and returns its exit code (never throws). */
export async function main(
  argv: string[],
  io: Io,
  signal: AbortSignal = new AbortController().signal
): Promise<number> {
  const wantsJson = argv.includes('--json');
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await write(io.stdout, topHelp());
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    await write(
      io.stdout,
      wantsJson ? `${JSON.stringify(successEnvelope({ version: VERSION }))}\n` : `modjo-sf ${VERSION}\n`
    );
    return EXIT.OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new CliError(`Unknown command "${name}". Run modjo-sf --help.`, EXIT.USAGE, 'UsageError');
    const { flags, positionals } = parseCommandArgs(command, rest);
    if (flags.help) {
      await write(io.stdout, commandHelp(command));
      return EXIT.OK;
    }
    const json = flags.json === true;
    const outcome = await command.run({ flags, positionals, json, io, signal });
    const exitCode = outcome.exitCode ?? EXIT.OK;
    const warnings = outcome.warnings ?? [];
    if (json) {
      const envelope =
        exitCode === EXIT.OK
          ? successEnvelope(outcome.result, warnings)
          : errorEnvelope(
              outcome.failure?.name ?? 'CommandFailed',
              outcome.failure?.message ?? 'The command failed',
              exitCode,
              warnings,
              outcome.result
            );
      await write(io.stdout, `${JSON.stringify(envelope, null, 2)}\n`);
    } else {
      for (const warning of warnings) await write(io.stderr, `Warning: ${warning}\n`);
      if (outcome.human) await write(io.stdout, outcome.human.endsWith('\n') ? outcome.human : `${outcome.human}\n`);
      if (exitCode !== EXIT.OK && outcome.failure)
        await write(io.stderr, `Error (${outcome.failure.name}): ${outcome.failure.message}\n`);
    }
    return exitCode;
  } catch (error) {
    const cliError =
      error instanceof CliError
        ? error
        : new CliError((error as Error)?.message ?? String(error), EXIT.FAILED, 'UnexpectedError');
    if (wantsJson) {
      await write(
        io.stdout,
        `${JSON.stringify(errorEnvelope(cliError.errorName, cliError.message, cliError.exitCode, [], cliError.data), null, 2)}\n`
      );
    } else {
      await write(io.stderr, `Error (${cliError.errorName}): ${cliError.message}\n`);
      if (!(error instanceof CliError) && io.env.MODJO_SF_DEBUG && error instanceof Error && error.stack) {
        await write(io.stderr, `${error.stack}\n`);
      }
    }
    return cliError.exitCode;
  }
}

/** Process wiring: real streams, SIGINT/SIGTERM → abort (a second signal exits at once, 130). */
export function runProcess(): void {
  const { signal } = abortOnSignals(process.stderr);
  exitQuietlyOnClosedStdout();
  const io = processIo();
  main(process.argv.slice(2), io, signal).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Error: ${String(error)}\n`);
      process.exitCode = EXIT.FAILED;
    }
  );
}

if (require.main === module) runProcess();

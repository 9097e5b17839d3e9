import fs from 'node:fs';
import path from 'node:path';

/** What a gate function returns: pass/fail plus the messages a person needs to fix it. */
export interface GateResult {
  ok: boolean;
  /** One line per problem, `file:line: message` where a location is known. */
  errors: string[];
  /** Informational lines (counts, timings, report paths). */
  info: string[];
}

export function gateResult(errors: string[], info: string[] = []): GateResult {
  return { ok: errors.length === 0, errors, info };
}

/** Prints a gate result and sets the exit code: the common tail of every gate's command line. */
export function reportAndExit(name: string, result: GateResult): void {
  for (const line of result.info) {
    console.log(line);
  }
  for (const line of result.errors) {
    console.log(line);
  }
  console.log(result.ok ? `${name}: passed` : `${name}: FAILED (${result.errors.length} problem(s))`);
  process.exitCode = result.ok ? 0 : 1;
}

/** Runs a gate's main function from the command line, turning a crash into a failure. */
export function runMain(name: string, main: () => Promise<GateResult>): void {
  main().then(
    (result) => reportAndExit(name, result),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      console.log(`${name}: FAILED (crashed)`);
      process.exitCode = 1;
    }
  );
}

export function writeJson(file: string, data: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

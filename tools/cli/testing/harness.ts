/** Test helpers for the modjo-sf tests (not part of the compiled CLI: excluded by tsconfig.cli.json). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../main';
import type { Io } from '../cli-kit';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface RunOutput {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON when --json was given. */
  json?: Record<string, unknown>;
}

/** Runs modjo-sf in this process with captured streams. */
export async function runCli(
  argv: string[],
  options: { cwd?: string; stdin?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}
): Promise<RunOutput> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const io: Io = {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stderrIsTty: false
  };
  const code = await main(argv, io, options.signal);
  const result: RunOutput = { code, stdout: out, stderr: err };
  if (argv.includes('--json')) result.json = JSON.parse(out) as Record<string, unknown>;
  return result;
}

export function tempDir(prefix = 'modjo-sf-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Parsed lines of a JSONL file; a line cut by a killed writer (or being written) is skipped. */
export function readJsonLines(file: string): Array<Record<string, unknown>> {
  if (!fs.existsSync(file)) return [];
  const out: Array<Record<string, unknown>> = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // partial line
    }
  }
  return out;
}

/** Test helpers for the modjo-sf tests (not part of the compiled CLI: excluded by tsconfig.cli.json). */
import { spawn } from 'node:child_process';
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

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a child process without blocking this one (a fake org living here must keep answering). */
export function spawnAsync(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string } = {}
): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * An environment whose Salesforce CLI state lives in `home` (never the developer's own ~/.sf): generic keychain,
 * no telemetry or update checks, and NODE_ENV=production (Jest's NODE_ENV=test makes oclif look for dev plugins).
 */
export function isolatedSfEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    NODE_ENV: 'production',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SFDX_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_USE_PROGRESS_BAR: 'false',
    SF_TARGET_ORG: ''
  };
}

/** Stores an access-token login for the fake org under `alias`, as `sf org login access-token` would. */
export async function storeFakeLogin(
  env: NodeJS.ProcessEnv,
  org: { url: string; token: string },
  username: string,
  alias: string
): Promise<void> {
  const script = `
    const { AuthInfo } = require('@salesforce/core');
    (async () => {
      const auth = await AuthInfo.create({
        username: ${JSON.stringify(username)},
        accessTokenOptions: { accessToken: ${JSON.stringify(org.token)}, instanceUrl: ${JSON.stringify(org.url)}, loginUrl: ${JSON.stringify(org.url)} }
      });
      await auth.save();
      await auth.setAlias(${JSON.stringify(alias)});
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const saved = await spawnAsync(process.execPath, ['-e', script], { env });
  if (saved.status !== 0) throw new Error(`could not store the fake login: ${saved.stderr}`);
}

/**
 * Checks CLI invocations (sf-invocations.ts) against the pinned CLI's command table (sf-commands.ts) with the CLI's
 * own flag parser: `Parser.parse` of the `@oclif/core` that `@salesforce/cli` loads, given the flag and argument
 * definitions of the command's manifest. That parser resolves long names, `--flag=value`, `char` flags (also grouped,
 * `-cx`), `aliases`, `charAliases`, `--no-` forms, repeated flags, and the relationships between flags (`exclusive`,
 * `dependsOn`, `exactlyOne`, …); it reports unknown flags and unexpected arguments of strict commands.
 * Adjustments, each because the value is only known when the command runs:
 * - a required flag whose default is computed at run time (`noCacheDefault`, e.g. `--target-org` from the CLI's
 *   configuration) or read from an environment variable is not required here;
 * - a flag's allowed values (`options`) are checked here for literal values only; a shell variable passes;
 * - an inline code span in the docs without any flag (a mention such as `sf data import tree`) is checked for the
 *   command name only.
 * On top of the parser: a deprecated command alias, flag or flag alias is reported (it disappears in a later CLI), and so
 * is a command of a just-in-time plugin (not part of the pinned CLI: it would be downloaded on first use).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Invocation } from './sf-invocations';
import type { CommandTable, ManifestCommand, ManifestFlag } from './sf-commands';
import { packageDir } from './sf-commands';

export interface UsageProblem {
  file: string;
  line: number;
  source: string;
  message: string;
}

interface ParseOutput {
  raw: { type: 'flag' | 'arg'; flag?: string; input: string }[];
}

type ParseFn = (argv: string[], options: Record<string, unknown>) => Promise<ParseOutput>;

/** `Parser.parse` of the @oclif/core that the installed @salesforce/cli resolves. */
export function loadOclifParser(projectRoot: string): ParseFn {
  const cliDir = packageDir('@salesforce/cli', projectRoot);
  if (!cliDir) throw new Error('@salesforce/cli is not installed: run npm ci');
  const requireFromCli = createRequire(join(cliDir, 'package.json'));
  const oclif = requireFromCli('@oclif/core') as { Parser: { parse: ParseFn } };
  return oclif.Parser.parse;
}

const GLOBAL_FLAGS = new Set(['--version', '-v', '--help', '-h']);

function isFlag(text: string): boolean {
  return text.startsWith('-') && text !== '-' && !/^-\d/.test(text);
}

/** The command the leading words name, by the longest prefix the CLI knows. */
function resolveCommand(
  words: string[],
  table: CommandTable
): { command: ManifestCommand; used: number; spelling: string; alias: boolean } | null {
  for (let n = words.length; n > 0; n--) {
    const id = words.slice(0, n).join(':');
    const found = table.commands.get(id);
    if (found) return { command: found.command, used: n, spelling: id, alias: found.spelling === 'alias' };
  }
  return null;
}

function jitCommand(words: string[], table: CommandTable): ManifestCommand | undefined {
  for (let n = words.length; n > 0; n--) {
    const found = table.jitCommands.get(words.slice(0, n).join(':'));
    if (found) return found;
  }
  return undefined;
}

/** Flag definitions for the parser, adjusted for values known only at run time (see the file comment). */
function parserFlags(command: ManifestCommand, mention: boolean): Record<string, ManifestFlag> {
  const flags: Record<string, ManifestFlag> = {};
  for (const [name, flag] of Object.entries(command.flags)) {
    const copy: ManifestFlag = { ...flag, allowStdin: false };
    delete copy.options;
    if (mention || flag.noCacheDefault || flag.env) delete copy.required;
    flags[name] = copy;
  }
  return flags;
}

function parserArgs(command: ManifestCommand, mention: boolean): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(command.args ?? {}).map(([name, arg]) => [
      name,
      { ...arg, required: mention ? false : arg.required, ignoreStdin: true, parse: async (input: string) => input }
    ])
  );
}

function parserMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^See more help with/.test(l) && !/^The following errors? occurred:$/.test(l))
    .join('; ');
}

/** Deprecated flags and deprecated flag aliases among the words typed. */
function deprecationProblems(argv: string[], command: ManifestCommand): string[] {
  const problems: string[] = [];
  for (const word of argv) {
    if (!isFlag(word)) continue;
    const typed = word.replace(/=.*$/, '');
    // As the parser reads them: `--name`, `--no-name` (booleans), `-c` (a char or a one-letter alias).
    const names = typed.startsWith('--') ? [typed.slice(2), typed.slice(2).replace(/^no-/, '')] : [typed.slice(1, 2)];
    for (const flag of Object.values(command.flags)) {
      const aliases = [...(flag.aliases ?? []), ...(flag.charAliases ?? [])];
      const isAlias = names.some((n) => aliases.includes(n)) && !names.includes(flag.name);
      if (isAlias && flag.deprecateAliases) {
        problems.push(`${typed} is a deprecated alias of --${flag.name}: write --${flag.name}`);
      }
      const named = names.includes(flag.name) || (!typed.startsWith('--') && flag.char === names[0]) || isAlias;
      if (named && flag.deprecated) problems.push(`--${flag.name} is deprecated in this CLI version`);
    }
  }
  return problems;
}

/** Literal values of flags with a fixed set of values, checked against that set. */
function optionProblems(output: ParseOutput, command: ManifestCommand, dynamic: Set<string>): string[] {
  const problems: string[] = [];
  for (const token of output.raw) {
    if (token.type !== 'flag' || !token.flag) continue;
    const options = command.flags[token.flag]?.options;
    if (options && !dynamic.has(token.input) && !options.includes(token.input)) {
      problems.push(`--${token.flag} expects one of ${options.join(', ')}; got "${token.input}"`);
    }
  }
  return problems;
}

/** Problems of one invocation; empty when the pinned CLI accepts it. */
export async function invocationProblems(
  invocation: Invocation,
  table: CommandTable,
  parse: ParseFn
): Promise<string[]> {
  const texts = invocation.args.map((w) => w.text);
  const inline = invocation.kind === 'docs-inline';
  // `sf` alone or `sf …` in prose names the tool, not a command.
  if (texts.length === 0 || texts[0] === '…' || texts[0] === '...') return inline ? [] : ['sf without a command'];
  const firstFlag = texts.findIndex(isFlag);
  const words = firstFlag === -1 ? texts : texts.slice(0, firstFlag);
  const hasFlags = firstFlag !== -1;
  if (words.length === 0) {
    const unknown = texts.filter((t) => isFlag(t) && !GLOBAL_FLAGS.has(t));
    return unknown.length === 0 ? [] : [`${unknown.join(' ')}: not a flag of sf itself (only --version, --help)`];
  }
  if (invocation.args.slice(0, words.length).some((w) => w.dynamic) && !resolveCommand(words, table)) {
    return ['the command name is only known at run time: cannot be checked, write it out'];
  }
  const resolved = resolveCommand(words, table);
  if (!resolved) {
    const jit = jitCommand(words, table);
    if (jit) {
      return inline && !hasFlags
        ? []
        : [
            `sf ${jit.id.split(':').join(' ')} needs the just-in-time plugin ${jit.pluginName}, not part of the pinned CLI`
          ];
    }
    if (inline && !hasFlags && table.topics.has(words.join(':'))) return [];
    return [`unknown command "sf ${words.join(' ')}" in @salesforce/cli ${table.cliVersion}`];
  }
  const { command } = resolved;
  const problems: string[] = [];
  if (resolved.alias && command.deprecateAliases) {
    problems.push(
      `"${words.slice(0, resolved.used).join(' ')}" is a deprecated alias: write sf ${command.id.split(':').join(' ')}`
    );
  }
  if (command.state === 'deprecated' || command.deprecationOptions) {
    problems.push(`sf ${command.id.split(':').join(' ')} is deprecated in this CLI version`);
  }
  const argv = texts.slice(resolved.used);
  if (argv.some((t) => t === '--help' || t === '-h')) return problems;
  const mention = inline && !hasFlags;
  try {
    const output = await parse(argv, {
      flags: parserFlags(command, mention),
      args: parserArgs(command, mention),
      strict: command.strict !== false
    });
    const dynamic = new Set(invocation.args.filter((w) => w.dynamic).map((w) => w.text));
    problems.push(...optionProblems(output, command, dynamic));
  } catch (error) {
    problems.push(parserMessage(error));
  }
  problems.push(...deprecationProblems(argv, command));
  return problems;
}

/** Every problem of every invocation. */
export async function usageProblems(
  invocations: Invocation[],
  table: CommandTable,
  parse: ParseFn
): Promise<UsageProblem[]> {
  const problems: UsageProblem[] = [];
  for (const invocation of invocations) {
    for (const message of await invocationProblems(invocation, table, parse)) {
      problems.push({ file: invocation.file, line: invocation.line, source: invocation.source, message });
    }
  }
  return problems;
}

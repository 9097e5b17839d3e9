/**
 * Which jobs of a workflow run for a given event, found offline by evaluating the workflow's triggers and each job's
 * `if:` with GitHub's own expression evaluator (@actions/expressions, the library of the Actions language service).
 * Used to count the scratch orgs one change creates: a push to a branch that has a pull request starts two runs (a
 * `push` run and a `pull_request` run, in different concurrency groups), so a job that creates a scratch org must run
 * in at most one of them.
 * Assumptions, stated because the real values only exist on GitHub: every job a job needs succeeded and each of its
 * outputs is 'true' (the most permissive case); status functions read success() = always() = true,
 * failure() = cancelled() = false.
 */
import { parse as parseYaml } from 'yaml';

export interface EventCase {
  /** What happened, for messages. */
  name: string;
  event: 'push' | 'pull_request' | 'workflow_dispatch';
  /** github.ref */
  ref: string;
  /** github.head_ref (pull requests only) */
  headRef?: string;
}

/** One change pushed to a branch that has an open pull request: two events. */
export const CHANGE_ON_PR_BRANCH: EventCase[] = [
  { name: 'push to branch feature', event: 'push', ref: 'refs/heads/feature' },
  { name: 'pull_request synchronize for it', event: 'pull_request', ref: 'refs/pull/1/merge', headRef: 'feature' }
];

/** One change merged or pushed to main. */
export const CHANGE_ON_MAIN: EventCase[] = [{ name: 'push to main', event: 'push', ref: 'refs/heads/main' }];

type Yaml = Record<string, unknown>;
const isMap = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);

type Expressions = typeof import('@actions/expressions');
type ExpressionData = InstanceType<Expressions['data']['StringData']>;

function globMatch(pattern: string, value: string): boolean {
  const regex = pattern
    .split('**')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(value);
}

/** Whether the workflow's `on:` starts a run for the event (branch filters of push and pull_request honoured). */
export function triggered(workflow: Yaml, c: EventCase): boolean {
  const on = workflow.on;
  const events =
    typeof on === 'string' ? { [on]: null } : Array.isArray(on) ? Object.fromEntries(on.map((e) => [e, null])) : on;
  if (!isMap(events) || !(c.event in events)) return false;
  const filter = events[c.event];
  if (!isMap(filter)) return true;
  const list = (key: string) => (Array.isArray(filter[key]) ? (filter[key] as unknown[]).map(String) : undefined);
  const branches = list('branches');
  const tags = list('tags');
  if (c.event === 'push' && c.ref.startsWith('refs/tags/')) {
    const tag = c.ref.replace(/^refs\/tags\//, '');
    return tags ? tags.some((p) => globMatch(p, tag)) : branches === undefined;
  }
  // push: the pushed branch; pull_request: the base branch (main here).
  const branch = c.event === 'pull_request' ? 'main' : c.ref.replace(/^refs\/heads\//, '');
  if (branches) return branches.some((p) => globMatch(p, branch));
  return c.event !== 'push' || tags === undefined;
}

function contextData(
  ex: Expressions,
  c: EventCase,
  workflow: Yaml,
  needs: string[]
): InstanceType<Expressions['data']['Dictionary']> {
  const { Dictionary, StringData } = ex.data;
  const str = (v: string) => new StringData(v);
  const jobs = isMap(workflow.jobs) ? workflow.jobs : {};
  const needsData = new Dictionary(
    ...needs.map((id) => {
      const job = jobs[id];
      const outputs = isMap(job) && isMap(job.outputs) ? Object.keys(job.outputs) : [];
      return {
        key: id,
        value: new Dictionary(
          { key: 'result', value: str('success') },
          { key: 'outputs', value: new Dictionary(...outputs.map((o) => ({ key: o, value: str('true') }))) }
        )
      };
    })
  );
  const github = new Dictionary(
    { key: 'event_name', value: str(c.event) },
    { key: 'ref', value: str(c.ref) },
    { key: 'ref_name', value: str(c.ref.replace(/^refs\/(heads|tags)\//, '')) },
    { key: 'head_ref', value: str(c.headRef ?? '') },
    { key: 'base_ref', value: str(c.event === 'pull_request' ? 'main' : '') }
  );
  return new Dictionary(
    { key: 'github', value: github },
    { key: 'needs', value: needsData },
    { key: 'vars', value: new Dictionary() },
    { key: 'inputs', value: new Dictionary() }
  );
}

function evaluateIf(
  ex: Expressions,
  condition: string,
  context: InstanceType<Expressions['data']['Dictionary']>
): boolean {
  const source = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const statusFunctions = ['success', 'always', 'failure', 'cancelled'].map((name) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: (): ExpressionData =>
      new ex.data.BooleanData(name === 'success' || name === 'always') as unknown as ExpressionData
  }));
  // !(!(…)) makes the language's own truthiness (falsy: false, 0, '', null) give a boolean.
  const tokens = new ex.Lexer(`!(!(${source}))`).lex().tokens;
  const expression = new ex.Parser(tokens, ['github', 'needs', 'vars', 'inputs'], statusFunctions).parse();
  const functions = new Map(statusFunctions.map((f) => [f.name, f]));
  const result = new ex.Evaluator(expression, context, functions as never).evaluate();
  return result.kind === ex.data.Kind.Boolean && result.value === true;
}

/** Ids of the jobs of `source` that run for the event (triggers, `needs` chains and `if:` evaluated). */
export async function jobsRunning(source: string, c: EventCase): Promise<string[]> {
  const ex = (await import('@actions/expressions')) as Expressions;
  const workflow = parseYaml(source) as Yaml;
  if (!isMap(workflow) || !isMap(workflow.jobs) || !triggered(workflow, c)) return [];
  const jobs = workflow.jobs;
  const memo = new Map<string, boolean>();
  const runs = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    memo.set(id, false);
    const job = jobs[id];
    if (!isMap(job)) return false;
    const needs = Array.isArray(job.needs) ? job.needs.map(String) : typeof job.needs === 'string' ? [job.needs] : [];
    const condition = job.if === undefined ? 'success()' : String(job.if);
    const alwaysRuns = /\balways\(\)/.test(condition);
    const result = (alwaysRuns || needs.every(runs)) && evaluateIf(ex, condition, contextData(ex, c, workflow, needs));
    memo.set(id, result);
    return result;
  };
  return Object.keys(jobs).filter(runs);
}

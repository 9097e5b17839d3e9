/**
 * Offline checks of the release path (issue 7): GitHub Actions files, org scripts, sample data and payloads, versions.
 * Nothing here reaches a Salesforce org: the org scripts run against fake `sf`/`npm`/`npx` executables.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import {
  evaluateApexRun,
  findResultFile,
  markdownReport,
  parseApexRun,
  parsePercent
} from '../../scripts/org/lib/apex-results';
import { installUrls, readPackageVersionResult } from '../../scripts/org/lib/package-version';
import {
  agreementProblems,
  changelogVersions,
  compareVersions,
  parseSfdxVersion,
  previousReleaseTag,
  readVersionSources,
  releaseProblems,
  tagVersion,
  versionSourcesAt
} from '../../scripts/org/lib/versions';
import { actionRuleFindings, scriptSecretProblems, workflowRuleFindings } from '../../scripts/org/lib/workflow-lint';
import { startFakeOrg } from '../../tools/fake-org/server';
import { runCli } from '../../tools/cli/testing/harness';
import { SObjectSchema } from '../../scripts/apex/schema';
import { daysSinceAnchor, shiftDateText, writeShiftedSampleData } from '../../scripts/org/lib/seed-data';
import { callQuery, compareScenario, type Scenario } from '../../scripts/org/lib/scenarios';
import { makeFakeBin, quietEnv } from './fake-bin';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ORG_SCRIPTS = ['common.sh', 'create.sh', 'deploy.sh', 'test.sh', 'seed.sh', 'shapes.sh'];

type Json = Record<string, unknown>;
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const readYaml = (rel: string): Json => parseYaml(readFileSync(join(ROOT, rel), 'utf8')) as Json;

function runTsx(args: string[], env: NodeJS.ProcessEnv = quietEnv()) {
  return spawnSync(TSX, args, { cwd: ROOT, encoding: 'utf8', env, timeout: 120_000 });
}

function runBash(script: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync('bash', [join(ROOT, 'scripts', 'org', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
    timeout: 120_000
  });
}

/** The JSON report of lint-workflows.ts; its stderr in the error when the output is not JSON. */
function parseReport(run: { stdout: string; stderr: string }): { files: string[]; findings: { rule: string }[] } {
  try {
    return JSON.parse(run.stdout) as { files: string[]; findings: { rule: string }[] };
  } catch {
    throw new Error(`lint-workflows.ts printed no JSON report:\n${run.stdout}\n${run.stderr}`);
  }
}

/** What a seeded org would answer to verify-scenarios.ts: every call as its scenario expects, but for `tweak`. */
function writeFakeOrgAnswers(tweak: (record: Json) => void = () => undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'modjo-answers-'));
  const { scenarios } = readJson(join(ROOT, 'data', 'scenarios.json')) as { scenarios: Scenario[] };
  const tasks: { Id: string; CallObject: string }[] = [];
  const records = scenarios.map((scenario, index) => {
    const e = scenario.expect;
    const contact = [...(e.contacts ?? []), ...(e.candidates ?? []), ...(e.convertedLead ? [e.convertedLead] : [])][0];
    const opportunity = e.opportunity ?? e.opportunityCandidates?.[0];
    const taskId = e.reusesTask ? `00T00000000000${String(index).padStart(2, '0')}AAA` : null;
    if (e.reusesTask && taskId) tasks.push({ Id: taskId, CallObject: e.reusesTask });
    const record: Json = {
      modjo__Modjo_Call_Id__c: scenario.modjoCallId,
      modjo__Match_Status__c: e.matchStatus ?? 'Matched',
      modjo__Account__r: e.account ? { Name: e.account } : null,
      modjo__Opportunity__r: opportunity ? { Name: opportunity } : null,
      modjo__Contact__r: contact ? { Email: contact } : null,
      modjo__Lead__r: e.leads ? { Email: e.leads[0] } : null,
      modjo__Task_Id__c: taskId,
      modjo__Match_Explanation__c: 'Explanation of the fake org'
    };
    tweak(record);
    return record;
  });
  writeFileSync(join(dir, 'calls.json'), JSON.stringify({ status: 0, result: { records } }));
  writeFileSync(join(dir, 'tasks.json'), JSON.stringify({ status: 0, result: { records: tasks } }));
  return dir;
}

/** A throw-away repository whose workflows and composite action break every rule of the workflow linter. */
function brokenWorkflowRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'modjo-badwf-'));
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
  mkdirSync(join(root, '.github', 'actions', 'login'), { recursive: true });
  writeFileSync(
    join(root, '.github', 'workflows', 'bad.yml'),
    [
      'on:',
      '  push:',
      '    branchez: [main]',
      'jobs:',
      '  org:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ github.refx }}"',
      '      - run: sf org create scratch -f config/project-scratch-def.json -a ci',
      '      - run: sf project deploy start --source-dir force-app -o ci',
      '      - run: sf org delete scratch -o ci -p',
      '  login:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: 5',
      '    environment: devhub',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020',
      '      - uses: ./.github/actions/sf-login',
      '        with:',
      '          jwt-key: ${{ secrets.DEVHUB_JWT_KEY }}',
      '      - run: sf org list',
      '  leak:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: 5',
      '    env:',
      '      KEY: ${{ secrets.PACKAGE_INSTALLATION_KEY }}',
      '    steps:',
      '      - run: echo "key=$KEY"',
      ''
    ].join('\n')
  );
  writeFileSync(
    join(root, '.github', 'actions', 'login', 'action.yml'),
    [
      'name: login',
      'description: d',
      'inputs:',
      '  jwt-key:',
      '    description: k',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - run: echo ${{ inputs.jwt-key }}',
      ''
    ].join('\n')
  );
  writeFileSync(
    join(root, '.github', 'workflows', 'twice.yml'),
    [
      'on: [push, pull_request]',
      'jobs:',
      '  org:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: 30',
      '    steps:',
      '      - run: npm ci && npm run build:lwc',
      '      - run: bash scripts/org/create.sh ci',
      '      - if: always()',
      '        run: sf org delete scratch -o ci -p',
      ''
    ].join('\n')
  );
  return root;
}

describe('GitHub Actions files', () => {
  it('pass actionlint, the GitHub workflow/action schemas and the project rules', () => {
    const run = runTsx(['scripts/org/lint-workflows.ts', '--json']);
    const report = parseReport(run);
    expect(report.files).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/release.yml',
        '.github/actions/sf-login/action.yml'
      ])
    );
    expect(report.findings).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('the linter bites: a broken workflow and action are reported by every layer', () => {
    const root = brokenWorkflowRepo();
    const run = runTsx(['scripts/org/lint-workflows.ts', '--json', '--root', root]);
    expect(run.status).toBe(1);
    const findings = parseReport(run).findings as { rule: string; message: string }[];
    const rules = findings.map((f) => f.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'actionlint:syntax-check',
        'actionlint:expression',
        'schema:workflow',
        'schema:action',
        'job-timeout',
        'scratch-org-deleted',
        'build-before-deploy',
        'no-secret-output',
        'no-inline-inputs',
        'pinned-action',
        'secrets-in-environment',
        'jwt-key-removed',
        'one-scratch-org-per-change'
      ])
    );
    const messages = findings.map((f) => `${f.rule}: ${f.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('pinned-action: actions/checkout@v4 is not pinned to a full commit SHA'),
        expect.stringContaining(
          'pinned-action: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 has no version'
        ),
        expect.stringContaining(
          'secrets-in-environment: job leak reads PACKAGE_INSTALLATION_KEY without an environment'
        ),
        expect.stringContaining('jwt-key-removed: job login logs in with ./.github/actions/sf-login'),
        expect.stringContaining(
          'one-scratch-org-per-change: a push to a branch with a pull request creates 2 scratch orgs (push: org, pull_request: org)'
        )
      ])
    );
  });

  it('project rules: secrets may go to a private file, never to the log or to GitHub files', () => {
    const vars = new Set(['SF_JWT_KEY']);
    expect(scriptSecretProblems(`printf '%s\\n' "$SF_JWT_KEY" > "$key_file"`, vars)).toEqual([]);
    expect(scriptSecretProblems('echo "$SF_JWT_KEY"', vars)).toHaveLength(1);
    expect(scriptSecretProblems('echo "k=${SF_JWT_KEY}" >> "$GITHUB_ENV"', vars)).toHaveLength(1);
    expect(scriptSecretProblems('set -x\nsf org login jwt --jwt-key-file x', vars)).toHaveLength(1);
    expect(
      scriptSecretProblems('sf package version create --installation-key "${{ secrets.K }}"', new Set())
    ).toHaveLength(1);
  });

  it('project rules: pinned actions, an environment for secrets, the key removed last, the scratch org deleted pass', () => {
    const good = [
      'jobs:',
      '  org:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: 30',
      '    environment: devhub',
      '    steps:',
      '      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0',
      '      - run: npm ci && npm run build:lwc',
      '      - uses: ./.github/actions/sf-login',
      '        with:',
      '          jwt-key: ${{ secrets.DEVHUB_JWT_KEY }}',
      '      - run: sf org create scratch -f config/project-scratch-def.json -a ci -v hub',
      '      - run: sf project deploy start --source-dir force-app -o ci',
      '      - if: always()',
      '        run: sf org delete scratch -o ci -p',
      '      - if: always()',
      '        run: rm -rf "$RUNNER_TEMP/sf-login"',
      ''
    ].join('\n');
    expect(workflowRuleFindings('good.yml', good)).toEqual([]);
    expect(
      actionRuleFindings('action.yml', readFileSync(join(ROOT, '.github/actions/sf-login/action.yml'), 'utf8'))
    ).toEqual([]);
  });

  it('ci.yml runs the offline npm test on push and pull request, the org job on main with the devhub environment', () => {
    const ci = readYaml('.github/workflows/ci.yml');
    const on = ci.on as Json;
    expect(Object.keys(on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    const jobs = ci.jobs as Record<string, Json>;
    const offlineRuns = (jobs.offline.steps as Json[]).map((s) => String(s.run ?? ''));
    expect(offlineRuns.some((r) => r.includes('bash .ci/run'))).toBe(true);
    expect(offlineRuns.some((r) => /openjdk-17/.test(r) && /chromium/.test(r))).toBe(true);
    // On both supported LTS lines of Node (package.json engines), in Debian like the development machines.
    expect(String((jobs['offline'].container as Json).image)).toBe('node:${{ matrix.node }}-bookworm');
    expect(((jobs['offline'].strategy as Json).matrix as Json).node).toEqual(['22', '24']);

    const gateRun = (jobs['devhub-secrets'].steps as Json[]).map((s) => String(s.run ?? '')).join('\n');
    expect(gateRun).toContain('::notice');
    const org = jobs['scratch-org'];
    expect(String(org.if)).toContain("needs.devhub-secrets.outputs.available == 'true'");
    const steps = org.steps as Json[];
    expect(steps.some((s) => s.uses === './.github/actions/sf-login')).toBe(true);
    const runs = steps.map((s) => String(s.run ?? ''));
    const index = (pattern: RegExp) => runs.findIndex((r) => pattern.test(r));
    expect(index(/scripts\/org\/create\.sh .*--definition "\$SCRATCH_DEFINITION"/)).toBeGreaterThanOrEqual(0);
    // The tests run as packaging runs them: nothing assigned to the default user before them.
    expect(index(/scripts\/org\/deploy\.sh .*--no-permission-sets/)).toBeGreaterThan(0);
    expect(runs.filter((r) => /assign permset|deploy\.sh(?!.*--no-permission-sets)/.test(r))).toEqual([]);
    expect(index(/scripts\/org\/test\.sh .*--min-coverage 90/)).toBeGreaterThan(index(/deploy\.sh/));
    const seed = index(/scripts\/org\/seed\.sh .*--assign-permission-sets/);
    expect(seed).toBeGreaterThan(index(/test\.sh/));
    expect(steps[seed].if).toBe('matrix.seed');
    // Both shapes of org: every scratch definition of config/ is a matrix entry, Shared Activities first.
    const matrix = ((org.strategy as Json).matrix as Json).include as Json[];
    expect(matrix.map((m) => m.definition)).toEqual([
      'config/project-scratch-def.json',
      'config/person-accounts-scratch-def.json'
    ]);
    const definitions = readdirSync(join(ROOT, 'config')).filter((f) => f.endsWith('scratch-def.json'));
    expect(definitions.map((f) => `config/${f}`).sort()).toEqual(matrix.map((m) => String(m.definition)).sort());
    expect((org.env as Json).SCRATCH_DEFINITION).toBe('${{ matrix.definition }}');
    expect(steps.some((s) => String(s.uses ?? '').startsWith('actions/upload-artifact@'))).toBe(true);
    // No third-party action runs while the CLI's auth files are on disk: the Apex results go to the job summary
    // (coverage-gate.ts) and the JUnit XML to the artifact.
    expect(steps.filter((s) => s.uses !== undefined && !/^(actions\/|\.\/)/.test(String(s.uses)))).toEqual([]);
    // The Dev Hub secrets come from the protected environment, for main only, never for a pull_request event.
    expect(org.environment).toBe('devhub');
    expect(jobs['devhub-secrets'].environment).toBe('devhub');
    expect(String(jobs['devhub-secrets'].if)).toBe(
      "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    );
    expect(String(steps[steps.length - 1].run)).toBe('rm -rf "$RUNNER_TEMP/sf-login"');
  });

  it('one scratch org per change: none for a branch with a pull request (push and pull_request runs), one for main', () => {
    const report = JSON.parse(runTsx(['scripts/org/lint-workflows.ts', '--json']).stdout) as {
      scratchOrgRuns: { file: string; change: string; runs: string[] }[];
    };
    expect(report.scratchOrgRuns.filter((r) => r.file === '.github/workflows/ci.yml')).toEqual([
      { file: '.github/workflows/ci.yml', change: 'a push to a branch with a pull request', runs: [] },
      { file: '.github/workflows/ci.yml', change: 'a push to main', runs: ['push: scratch-org'] }
    ]);
  });

  it('every action outside the repository is pinned by commit SHA, with its version in a comment', () => {
    const files = ['.github/workflows/ci.yml', '.github/workflows/release.yml', '.github/actions/sf-login/action.yml'];
    const uses = files.flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .filter((line) => /^\s*(-\s+)?uses:/.test(line) && !line.includes('./'))
    );
    expect(uses.length).toBeGreaterThanOrEqual(8);
    for (const line of uses) expect(line).toMatch(/uses: [\w-]+\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('the scratch definitions give two shapes of org: Shared Activities on; Person Accounts on, Shared Activities off', () => {
    const shape = (file: string) => {
      const def = readJson(join(ROOT, 'config', file)) as { features?: string[]; settings?: Json };
      const activities = (def.settings?.activitiesSettings ?? {}) as Json;
      return {
        personAccounts: (def.features ?? []).includes('PersonAccounts'),
        sharedActivities: activities.allowUsersToRelateMultipleContactsToTasksAndEvents
      };
    };
    expect(shape('project-scratch-def.json')).toEqual({ personAccounts: false, sharedActivities: true });
    expect(shape('person-accounts-scratch-def.json')).toEqual({ personAccounts: true, sharedActivities: false });
  });

  it('test.sh runs every local test with coverage and JUnit output', () => {
    const script = readFileSync(join(ROOT, 'scripts/org/test.sh'), 'utf8');
    expect(script).toMatch(
      /sf apex run test --test-level RunLocalTests --code-coverage --result-format junit --output-dir/
    );
  });

  it('release.yml creates a package version with coverage and an installation key on v* tags, after the version check and the offline tests of the tagged commit', () => {
    const release = readYaml('.github/workflows/release.yml');
    expect(((release.on as Json).push as Json).tags).toEqual(['v*']);
    const jobs = release.jobs as Record<string, Json>;
    const check = (jobs['version-check'].steps as Json[]).map((s) => String(s.run ?? '')).join('\n');
    expect(check).toContain('scripts/org/release-check.ts --tag');
    expect(jobs['package-version'].needs).toEqual(['version-check', 'offline']);
    const offline = (jobs.offline.steps as Json[]).map((s) => String(s.run ?? '')).join('\n');
    expect(offline).toContain('bash .ci/run');
    const steps = jobs['package-version'].steps as Json[];
    const create = steps.find((s) => String(s.run ?? '').includes('sf package version create'));
    expect(create).toBeDefined();
    const createRun = String(create?.run);
    expect(createRun).toContain('--code-coverage');
    expect(createRun).toContain('--installation-key "$INSTALLATION_KEY"');
    expect(createRun).toContain('--wait');
    expect(String((create?.env as Json).INSTALLATION_KEY)).toContain('secrets.PACKAGE_INSTALLATION_KEY');
    expect(steps.some((s) => String(s.run ?? '').includes('scripts/org/package-version.ts'))).toBe(true);
    expect(jobs['package-version'].environment).toBe('devhub');
    const last = steps[steps.length - 1];
    expect([String(last.if), String(last.run)]).toEqual(['always()', 'rm -rf "$RUNNER_TEMP/sf-login"']);
    expect(jobs['version-check'].environment).toBeUndefined();
    expect(jobs.offline.environment).toBeUndefined();
  });
});

describe('sf-login composite action', () => {
  const action = readYaml('.github/actions/sf-login/action.yml');
  const steps = (action.runs as Json).steps as Json[];

  /** Runs the action's first step (the CLI check) in a folder whose node_modules/.bin/sf answers `answer`. */
  function cliStep(answer: string | null, pinned = '2.150.6') {
    const dir = mkdtempSync(join(tmpdir(), 'modjo-sflogin-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ devDependencies: { '@salesforce/cli': pinned } }));
    if (answer !== null) {
      mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
      writeFileSync(join(dir, 'node_modules', '.bin', 'sf'), `#!/usr/bin/env bash\necho "${answer}"\n`, {
        mode: 0o755
      });
    }
    const githubPath = join(dir, 'github-path');
    writeFileSync(githubPath, '');
    const run = spawnSync('bash', ['-c', String(steps[0].run)], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...quietEnv(), GITHUB_PATH: githubPath }
    });
    return { status: run.status, out: `${run.stdout}${run.stderr}`, path: readFileSync(githubPath, 'utf8'), dir };
  }

  it('puts the CLI on PATH only when it is the version package.json pins', () => {
    const ok = cliStep('@salesforce/cli/2.150.6 linux-x64 node-v24.11.0');
    expect(ok.status).toBe(0);
    expect(ok.path.trim()).toBe(join(ok.dir, 'node_modules', '.bin'));
    const other = cliStep('@salesforce/cli/2.151.0 linux-x64 node-v24.11.0');
    expect(other.status).toBe(1);
    expect(other.out).toContain("package.json pins @salesforce/cli '2.150.6': run npm ci");
    expect(other.path).toBe('');
    const prefix = cliStep('@salesforce/cli/2.150.60 linux-x64 node-v24.11.0');
    expect(prefix.status).toBe(1);
    const missing = cliStep(null);
    expect(missing.status).toBe(1);
    expect(missing.out).toContain('node_modules/.bin/sf not found');
  });

  it('keeps the JWT key for the whole job in $RUNNER_TEMP/sf-login (mode 700/600) and never deletes it itself', () => {
    const login = String(steps[1].run);
    expect(login).toContain('key_dir="${RUNNER_TEMP:?RUNNER_TEMP is not set}/sf-login"');
    expect(login).toContain('chmod 700 "$key_dir"');
    expect(login).toContain('umask 077');
    expect(login).toContain('--jwt-key-file "$key_file"');
    expect(login).not.toMatch(/\btrap\b|\brm\b/);
    // Run it with a fake sf: the key file exists after the step, readable by the owner only.
    const fake = makeFakeBin();
    const temp = mkdtempSync(join(tmpdir(), 'modjo-runner-temp-'));
    const output = join(temp, 'github-output');
    writeFileSync(output, '');
    const run = spawnSync('bash', ['-c', login], {
      cwd: ROOT,
      encoding: 'utf8',
      env: fake.env({
        RUNNER_TEMP: temp,
        GITHUB_OUTPUT: output,
        SF_JWT_KEY: '-----BEGIN PRIVATE KEY-----\nfake\n-----END PRIVATE KEY-----',
        SF_CLIENT_ID: 'id',
        SF_USERNAME: 'ci@example.com',
        SF_INSTANCE_URL: 'https://login.salesforce.com',
        SF_ALIAS: 'devhub'
      })
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const key = join(temp, 'sf-login', 'devhub.key');
    expect(readFileSync(key, 'utf8')).toContain('fake');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(statSync(join(temp, 'sf-login')).mode & 0o777).toBe(0o700);
    expect(readFileSync(output, 'utf8')).toBe(`key-dir=${join(temp, 'sf-login')}\n`);
    expect(readFileSync(fake.log, 'utf8')).toContain(`sf org login jwt --client-id id --jwt-key-file ${key}`);
    expect(run.stdout).not.toContain('fake');
  });
});

describe('org scripts', () => {
  afterAll(() => rmSync(join(ROOT, 'reports', 'release-tests'), { recursive: true, force: true }));

  it.each(ORG_SCRIPTS)('%s passes bash -n', (script) => {
    const result = spawnSync('bash', ['-n', join(ROOT, 'scripts', 'org', script)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(ORG_SCRIPTS.filter((s) => s !== 'common.sh'))('%s is strict and answers --help with a usage', (script) => {
    expect(readFileSync(join(ROOT, 'scripts', 'org', script), 'utf8')).toContain('set -euo pipefail');
    const result = runBash(script, ['--help'], quietEnv());
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run org:/);
    const bad = runBash(script, ['--no-such-option'], quietEnv());
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('unknown option');
  });

  it('npm scripts point at the org scripts', () => {
    const scripts = (readJson(join(ROOT, 'package.json')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['create', 'deploy', 'test', 'seed']) {
      expect(scripts[`org:${name}`]).toBe(`bash scripts/org/${name}.sh`);
    }
    expect(scripts['org:test:shapes']).toBe('bash scripts/org/shapes.sh');
    expect(scripts['check:release']).toContain('tests/release');
  });

  it('org:create creates a scratch org from the project definition', () => {
    const fake = makeFakeBin();
    const result = runBash('create.sh', ['my-org', '--days', '3', '--dev-hub', 'hub'], fake.env());
    expect(result.status).toBe(0);
    expect(readFileSync(fake.log, 'utf8')).toContain(
      'sf org create scratch --definition-file config/project-scratch-def.json --alias my-org --duration-days 3 --wait 30 --set-default --target-dev-hub hub'
    );
    const other = runBash(
      'create.sh',
      ['pa-org', '--definition', 'config/person-accounts-scratch-def.json'],
      fake.env()
    );
    expect(other.status).toBe(0);
    expect(readFileSync(fake.log, 'utf8')).toContain(
      'sf org create scratch --definition-file config/person-accounts-scratch-def.json --alias pa-org'
    );
    const missing = runBash('create.sh', ['x', '--definition', 'config/none.json'], fake.env());
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('no scratch definition config/none.json');
  });

  it('org:deploy --no-permission-sets deploys and assigns nothing (the access of the packaging test run)', () => {
    const fake = makeFakeBin();
    const result = runBash('deploy.sh', ['my-org', '--skip-install', '--no-permission-sets'], fake.env());
    expect(result.status).toBe(0);
    const calls = readFileSync(fake.log, 'utf8');
    expect(calls).toContain('sf project deploy start --source-dir force-app --target-org my-org');
    expect(calls).not.toContain('assign permset');
    expect(calls).not.toContain('npm ci');
  });

  it('org:test:shapes runs the Apex tests on a scratch org per definition, deployed without permission sets, then deletes them', () => {
    const fake = makeFakeBin();
    // Inside reports/: test.sh empties its output folder and refuses one anywhere else.
    mkdirSync(join(ROOT, 'reports', 'release-tests'), { recursive: true });
    const out = mkdtempSync(join(ROOT, 'reports', 'release-tests', 'shapes-'));
    const result = runBash(
      'shapes.sh',
      ['--dev-hub', 'hub', '--skip-install', '--output-dir', out],
      fake.env({ FAKE_APEX: 'pass' })
    );
    expect(`${result.stdout}${result.stderr}`).toContain('Apex tests passed on every shape');
    expect(result.status).toBe(0);
    const calls = readFileSync(fake.log, 'utf8').trim().split('\n');
    for (const [shape, file] of [
      ['person-accounts', 'person-accounts-scratch-def.json'],
      ['default', 'project-scratch-def.json']
    ]) {
      const org = `modjo-shape-${shape}`;
      const order = [
        `sf org create scratch --definition-file config/${file} --alias ${org} --duration-days 1`,
        `sf project deploy start --source-dir force-app --target-org ${org}`,
        `sf apex run test --test-level RunLocalTests --code-coverage --result-format junit --output-dir ${out}/${shape}`,
        `sf org delete scratch --target-org ${org} --no-prompt`
      ].map((prefix) => calls.findIndex((c) => c.startsWith(prefix)));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    }
    expect(calls.filter((c) => c.includes('assign permset'))).toEqual([]);
    const failing = runBash('shapes.sh', ['--skip-install', '--output-dir', out], fake.env({ FAKE_APEX: 'fail' }));
    expect(failing.status).not.toBe(0);
    expect(failing.stderr).toContain('Apex tests failed on: person-accounts default');
  });

  it('org:deploy installs, builds the LWC JavaScript, deploys, then assigns the permission sets', () => {
    const fake = makeFakeBin();
    const result = runBash('deploy.sh', ['my-org'], fake.env());
    expect(result.stderr).not.toContain('error:');
    expect(result.status).toBe(0);
    const calls = readFileSync(fake.log, 'utf8').trim().split('\n');
    const index = (prefix: string) => calls.findIndex((c) => c.startsWith(prefix));
    expect(index('npm ci')).toBeGreaterThanOrEqual(0);
    expect(index('npm run build:lwc')).toBeGreaterThan(index('npm ci'));
    expect(index('sf project deploy start --source-dir force-app --target-org my-org')).toBeGreaterThan(
      index('npm run build:lwc')
    );
    const permsetDir = join(ROOT, 'force-app/main/default/permissionsets');
    const assignable = existsSync(permsetDir)
      ? readdirSync(permsetDir)
          .filter((f) => f.endsWith('.permissionset-meta.xml'))
          .filter((f) => !readFileSync(join(permsetDir, f), 'utf8').includes('<license>'))
          .map((f) => f.replace('.permissionset-meta.xml', ''))
      : [];
    const assign = calls.find((c) => c.startsWith('sf org assign permset')) ?? '';
    for (const name of assignable) expect(assign).toContain(`--name ${name}`);
    // With permission sets in the source, they are assigned after the deploy; without any, nothing is assigned.
    expect(
      assign === '' ? assignable.length === 0 : index('sf org assign permset') > index('sf project deploy start')
    ).toBe(true);
  });

  it.each([
    ['pass', 0, 'passed'],
    ['fail', 1, '1 Apex test(s) failed'],
    ['lowcoverage', 1, 'org-wide coverage 84% is under the required 90%']
  ])('org:test with a %s run exits %d', (scenario, status, message) => {
    const fake = makeFakeBin();
    mkdirSync(join(ROOT, 'reports', 'release-tests'), { recursive: true });
    const out = mkdtempSync(join(ROOT, 'reports', 'release-tests', 'apex-'));
    const result = runBash('test.sh', ['my-org', '--output-dir', out], fake.env({ FAKE_APEX: scenario }));
    expect(`${result.stdout}${result.stderr}`).toContain(message);
    expect(result.status).toBe(status);
    expect(readFileSync(fake.log, 'utf8')).toContain(
      `sf apex run test --test-level RunLocalTests --code-coverage --result-format junit --output-dir ${out} --wait 60 --target-org my-org`
    );
  });

  it('org:test prints and records the shape of the org it runs on, read from its describe', () => {
    const fake = makeFakeBin();
    for (const [env, shape] of [
      [{ FAKE_PERSON_ACCOUNTS: '1' }, 'Person Accounts on, Shared Activities off'],
      [{ FAKE_SHARED_ACTIVITIES: '1' }, 'Person Accounts off, Shared Activities on']
    ] as const) {
      mkdirSync(join(ROOT, 'reports', 'release-tests'), { recursive: true });
      const out = mkdtempSync(join(ROOT, 'reports', 'release-tests', 'shape-'));
      const result = runBash('test.sh', ['my-org', '--output-dir', out], fake.env({ FAKE_APEX: 'pass', ...env }));
      expect(result.stdout).toContain(shape);
      expect(readFileSync(join(out, 'org-shape.txt'), 'utf8').trim()).toBe(shape);
    }
  });

  it('org:test refuses an output folder outside reports/ (it empties the folder) and removes nothing', () => {
    const fake = makeFakeBin();
    const outside = mkdtempSync(join(tmpdir(), 'modjo-outside-'));
    writeFileSync(join(outside, 'keep.txt'), 'precious');
    mkdirSync(join(ROOT, 'reports', 'release-tests'), { recursive: true });
    const link = join(mkdtempSync(join(ROOT, 'reports', 'release-tests', 'link-')), 'out');
    symlinkSync(outside, link);
    for (const dir of [
      outside,
      'reports',
      'reports/',
      'reports/../force-app',
      '../elsewhere',
      link,
      join(link, 'sub')
    ]) {
      const result = runBash('test.sh', ['my-org', '--output-dir', dir], fake.env({ FAKE_APEX: 'pass' }));
      expect({ dir, status: result.status, stderr: result.stderr }).toEqual({
        dir,
        status: 1,
        stderr: `error: the output folder must be inside reports/ (it is emptied first): ${dir}\n`
      });
    }
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('precious');
    expect(readFileSync(fake.log, 'utf8')).not.toContain('apex run test');
  });

  it('org:seed deploys the demo provider, imports the plan, converts the lead, then pushes the scenarios', () => {
    const fake = makeFakeBin();
    const out = mkdtempSync(join(tmpdir(), 'modjo-seed-'));
    const result = runBash(
      'seed.sh',
      ['my-org', '--sample-count', '5', '--assign-permission-sets'],
      fake.env({ MODJO_SEED_OUT: out, FAKE_QUERY_DIR: writeFakeOrgAnswers() })
    );
    expect(result.stdout).toContain('10 of 10 sample calls matched as data/scenarios.json expects');
    expect(result.status).toBe(0);
    const calls = readFileSync(fake.log, 'utf8').trim().split('\n');
    const order = [
      'sf org assign permset --name Modjo_Admin --name Modjo_Integration --name Modjo_User --target-org my-org',
      'sf project deploy start --source-dir data/demo-metadata --target-org my-org',
      `sf data import tree --plan ${out}/data/plan.json --target-org my-org`,
      'sf apex run --file data/apex/convert-lead.apex --target-org my-org',
      `npx --no-install modjo-sf validate ${out}/data/payloads`,
      `npx --no-install modjo-sf push ${out}/data/payloads --target-org my-org`,
      'npx --no-install modjo-sf sample --count 5',
      `npx --no-install modjo-sf push ${out}/sample-calls.ndjson --target-org my-org`
    ].map((prefix) => calls.findIndex((c) => c.startsWith(prefix)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('scenario verification (org:seed)', () => {
  it('reports a call the org matched differently, with its explanation, and exits 1', () => {
    const fake = makeFakeBin();
    const answers = writeFakeOrgAnswers((record) => {
      if (record.modjo__Modjo_Call_Id__c === 'demo-0007') record.modjo__Match_Status__c = 'Matched';
    });
    const run = runTsx(
      ['scripts/org/verify-scenarios.ts', '--target-org', 'my-org'],
      fake.env({ FAKE_QUERY_DIR: answers })
    );
    expect(run.stdout).toContain('DIFFERS  demo-0007');
    expect(run.stdout).toContain('match status: expected Ambiguous, got Matched');
    expect(run.stdout).toContain('explanation: Explanation of the fake org');
    expect(run.status).toBe(1);
    expect(readFileSync(fake.log, 'utf8')).toContain('FROM modjo__Call__c WHERE modjo__Modjo_Call_Id__c IN');
  });

  it('compares status, Account, Opportunity, people and the reused Task', () => {
    const scenario: Scenario = {
      file: 'payloads/x.json',
      modjoCallId: 'x',
      title: 'x',
      expect: { matchStatus: 'Matched', account: 'A', noOpportunity: true, contacts: ['c@x.example'], reusesTask: 'T1' }
    };
    const row = {
      modjoCallId: 'x',
      matchStatus: 'Matched',
      accountName: 'A',
      opportunityName: null,
      contactEmail: 'C@x.example',
      leadEmail: null,
      taskId: '00T000000000001AAA',
      explanation: null
    };
    const tasks = new Map([['T1', '00T000000000001']]);
    expect(compareScenario(scenario, row, tasks)).toEqual([]);
    expect(compareScenario(scenario, { ...row, opportunityName: 'O', taskId: null }, tasks)).toEqual([
      'Opportunity: expected none, got O',
      'Task: expected the Demo Dialer Task T1 (00T000000000001), got (none)'
    ]);
    expect(compareScenario(scenario, undefined, tasks)).toEqual(['the call is not in the org (see the push results)']);
    expect(callQuery(['a'], null)).toBe(
      "SELECT Modjo_Call_Id__c, Match_Status__c, Account__r.Name, Opportunity__r.Name, Contact__r.Email, Lead__r.Email, Task_Id__c, Match_Explanation__c FROM Call__c WHERE Modjo_Call_Id__c IN ('a')"
    );
  });
});

describe('Apex result gate and package version output', () => {
  const run = (failing: number, coverage: string | undefined) => ({
    status: failing ? 100 : 0,
    result: {
      summary: {
        outcome: failing ? 'Failed' : 'Passed',
        testsRan: 10,
        passing: 10 - failing,
        failing,
        skipped: 0,
        orgWideCoverage: coverage
      },
      tests: [{ MethodName: 'm', Outcome: failing ? 'Fail' : 'Pass', Message: 'boom', ApexClass: { Name: 'C' } }]
    }
  });

  it('passes at or above the threshold and fails below it, on failures, or without coverage', () => {
    expect(evaluateApexRun(parseApexRun(run(0, '90%')), 90).ok).toBe(true);
    expect(evaluateApexRun(parseApexRun(run(0, '89.9%')), 90).problems).toEqual([
      'org-wide coverage 89.9% is under the required 90%'
    ]);
    expect(evaluateApexRun(parseApexRun(run(1, '95%')), 90).failures).toEqual([{ name: 'C.m', message: 'boom' }]);
    expect(evaluateApexRun(parseApexRun(run(0, undefined)), 90).ok).toBe(false);
    expect(parsePercent('91%')).toBe(91);
    expect(parsePercent('n/a')).toBeNull();
    expect(() => parseApexRun({ status: 1 })).toThrow('no "summary"');
    expect(markdownReport(evaluateApexRun(parseApexRun(run(1, '95%')), 90), 90)).toContain('Failing tests');
  });

  it('finds the result file the CLI names after the test run id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'modjo-apexdir-'));
    writeFileSync(join(dir, 'test-run-id.txt'), '707xx');
    writeFileSync(join(dir, 'test-result-707xx.json'), JSON.stringify(run(0, '95%').result));
    writeFileSync(join(dir, 'test-result-707xx-codecoverage.json'), '[]');
    expect(findResultFile(dir)).toBe(join(dir, 'test-result-707xx.json'));
    expect(() => findResultFile(join(dir, 'missing'))).toThrow('no Apex test result JSON');
  });

  it('reads the 04t id and builds the install URLs', () => {
    const ok = readPackageVersionResult({
      status: 0,
      result: { Status: 'Success', SubscriberPackageVersionId: '04t000000000001AAA' }
    });
    expect(ok.ok).toBe(true);
    expect(installUrls('04t000000000001AAA').production).toBe(
      'https://login.salesforce.com/packaging/installPackage.apexp?p0=04t000000000001AAA'
    );
    expect(readPackageVersionResult({ status: 1, message: 'Insufficient code coverage' })).toEqual({
      ok: false,
      message: 'Insufficient code coverage'
    });
    const dir = mkdtempSync(join(tmpdir(), 'modjo-pkg-'));
    writeFileSync(
      join(dir, 'ok.json'),
      JSON.stringify({ status: 0, result: { Status: 'Success', SubscriberPackageVersionId: '04t000000000001AAA' } })
    );
    const cli = runTsx(['scripts/org/package-version.ts', join(dir, 'ok.json')]);
    expect(cli.stdout).toContain('/packaging/installPackage.apexp?p0=04t000000000001AAA');
    expect(cli.status).toBe(0);
  });
});

describe('versions', () => {
  it('sfdx-project.json, package.json and CHANGELOG.md agree', () => {
    const versions = readVersionSources(ROOT);
    expect(agreementProblems(versions)).toEqual([]);
    expect(versions.sfdxVersionNumber).toMatch(/^\d+\.\d+\.\d+\.NEXT$/);
    expect(runTsx(['scripts/org/release-check.ts']).status).toBe(0);
  });

  it('detects disagreement, a tag that does not match, and a version not bumped', () => {
    const base = {
      sfdxVersionNumber: '0.2.0.NEXT',
      sfdx: '0.2.0',
      packageJson: '0.2.0',
      changelog: '0.2.0',
      changelogReleases: ['0.2.0'],
      packageAliases: {}
    };
    expect(agreementProblems({ ...base, packageJson: '0.1.0' })).toHaveLength(1);
    expect(agreementProblems({ ...base, changelog: null })).toHaveLength(1);
    expect(releaseProblems(base, 'v0.2.0', { ...base, sfdxVersionNumber: '0.1.0.NEXT', sfdx: '0.1.0' })).toEqual([]);
    expect(releaseProblems(base, 'v0.2.0', base)[0]).toContain('version not bumped');
    expect(releaseProblems(base, 'v0.3.0', null)[0]).toContain('does not match');
    expect(releaseProblems(base, 'release-1', null)[0]).toContain('is not "vX.Y.Z"');
    expect(changelogVersions('## [Unreleased]\n## [1.2.0] - 2027-01-01\n## [1.1.0]\n')).toEqual(['1.2.0', '1.1.0']);
    expect(compareVersions('0.10.0', '0.9.9')).toBeGreaterThan(0);
    expect(parseSfdxVersion('1.2.3.4')).toBe('1.2.3');
    expect(tagVersion('refs/tags/v1.2.3')).toBe('1.2.3');
  });

  it('finds the previous release tag in git history and reads its version', () => {
    const repo = mkdtempSync(join(tmpdir(), 'modjo-git-'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: repo,
        encoding: 'utf8'
      });
    const commit = (version: string) => {
      writeFileSync(
        join(repo, 'sfdx-project.json'),
        JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true, versionNumber: `${version}.NEXT` }] })
      );
      writeFileSync(join(repo, 'package.json'), JSON.stringify({ version }));
      git('add', '.');
      git('commit', '-q', '-m', version);
    };
    git('init', '-q');
    commit('0.1.0');
    git('tag', 'v0.1.0');
    commit('0.2.0');
    git('tag', 'v0.2.0');
    expect(previousReleaseTag(repo, 'v0.2.0')).toBe('v0.1.0');
    expect(versionSourcesAt(repo, 'v0.1.0').sfdx).toBe('0.1.0');
    git('checkout', '-q', 'v0.1.0');
    expect(previousReleaseTag(repo, 'v0.1.0')).toBeNull();
  });
});

interface TreeRecord {
  attributes: { type: string; referenceId: string };
  [field: string]: unknown;
}

describe('sample data', () => {
  const dataDir = join(ROOT, 'data');
  const plan = readJson(join(dataDir, 'plan.json')) as { sobject: string; files: string[] }[];
  const records = new Map<string, TreeRecord[]>();
  for (const part of plan) {
    for (const file of part.files) {
      const path = join(dataDir, file);
      if (existsSync(path))
        records.set(part.sobject, [
          ...(records.get(part.sobject) ?? []),
          ...(readJson(path) as { records: TreeRecord[] }).records
        ]);
    }
  }
  const all = (type: string) => records.get(type) ?? [];
  const emails = (type: string) => all(type).map((r) => String(r.Email ?? '').toLowerCase());

  it('the plan has the shape sf data import tree accepts and every file exists', () => {
    const ajv = new Ajv2020({ allErrors: true });
    const validPlan = ajv.compile({
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['sobject', 'files'],
        additionalProperties: false,
        properties: {
          sobject: { type: 'string', pattern: '^\\w+$' },
          files: { type: 'array', minItems: 1, items: { type: 'string' } }
        }
      }
    });
    expect(validPlan(plan)).toBe(true);
    for (const part of plan) for (const file of part.files) expect(existsSync(join(dataDir, file))).toBe(true);
  });

  it('records are typed as their plan entry, ids are unique, references resolve to earlier records', () => {
    const seen = new Set<string>();
    for (const part of plan) {
      for (const file of part.files) {
        const list = (readJson(join(dataDir, file)) as { records: TreeRecord[] }).records;
        expect(list.length).toBeGreaterThan(0);
        expect(list.length).toBeLessThanOrEqual(200);
        for (const record of list) {
          expect(record.attributes.type).toBe(part.sobject);
          // The CLI resolves "@<referenceId>" only for ids shaped like <Name>Ref<digits>.
          expect(record.attributes.referenceId).toMatch(/^\w+Ref\d+$/);
          expect(seen.has(record.attributes.referenceId)).toBe(false);
          const refs = Object.values(record).filter((v): v is string => typeof v === 'string' && v.startsWith('@'));
          expect(refs.filter((ref) => !seen.has(ref.slice(1)))).toEqual([]);
        }
        for (const record of list) seen.add(record.attributes.referenceId);
      }
    }
  });

  it('every record field and the Demo Dialer Task field exist (SObject tables of API 65 and the project objects)', () => {
    const schema = new SObjectSchema([join(ROOT, 'force-app')]);
    const unknown: string[] = [];
    for (const [type, list] of records) {
      const object = schema.get(type);
      const fields = new Set(list.flatMap((r) => Object.keys(r)).filter((f) => f !== 'attributes'));
      for (const field of fields) {
        if (!object?.fields.has(field.toLowerCase())) unknown.push(`${type}.${field}`);
      }
    }
    expect(unknown).toEqual([]);
    expect(schema.get('Task')?.fields.has('callobject')).toBe(true);
    const cmdtFields = [
      ...readFileSync(
        join(dataDir, 'demo-metadata/customMetadata/Provider_Call_Field.Demo_Dialer.md-meta.xml'),
        'utf8'
      ).matchAll(/<field>([^<]+)<\/field>/g)
    ].map((m) => m[1]);
    const provider = schema.get('Provider_Call_Field__mdt');
    expect(cmdtFields.filter((f) => !provider?.fields.has(f.toLowerCase()))).toEqual([]);
  });

  it('the lead conversion script is valid anonymous Apex, in user mode', () => {
    const source = readFileSync(join(dataDir, 'apex', 'convert-lead.apex'), 'utf8');
    const errors: string[] = [];
    class Collect extends ApexErrorListener {
      apexSyntaxError(line: number, column: number, message: string): void {
        errors.push(`${line}:${column} ${message}`);
      }
    }
    const { parser } = ApexParserFactory.createLexerAndParser(source, new Collect());
    parser.anonymousUnit();
    expect(errors).toEqual([]);
    const queries = source.match(/\[\s*SELECT[\s\S]*?\]/g) ?? [];
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.filter((q) => !q.includes('WITH USER_MODE'))).toEqual([]);
    expect(source).toContain('AccessLevel.USER_MODE');
  });

  it('covers what matching needs: phone formats, a lead to convert, contact roles, dialer tasks', () => {
    const phones = [...all('Contact'), ...all('Lead')]
      .flatMap((r) => [r.Phone, r.MobilePhone])
      .filter((p): p is string => typeof p === 'string');
    const shapes = new Set(phones.map((p) => p.replace(/\d/g, '9')));
    expect(shapes.size).toBeGreaterThanOrEqual(6);
    expect(phones.some((p) => p.startsWith('+'))).toBe(true);
    expect(phones.some((p) => p.startsWith('00'))).toBe(true);
    expect(phones.some((p) => /^0[1-9]/.test(p))).toBe(true);
    const convertScript = readFileSync(join(dataDir, 'apex', 'convert-lead.apex'), 'utf8');
    const converted = /Email = '([^']+)'/.exec(convertScript)?.[1];
    expect(emails('Lead')).toContain(converted);
    expect(all('OpportunityContactRole').length).toBeGreaterThan(0);
    const dialerTasks = all('Task').filter((t) => typeof t.CallObject === 'string' && t.TaskSubtype === 'Call');
    expect(dialerTasks.length).toBeGreaterThan(0);
    const demo = readFileSync(
      join(dataDir, 'demo-metadata/customMetadata/Provider_Call_Field.Demo_Dialer.md-meta.xml'),
      'utf8'
    );
    expect(demo).toMatch(/<value xsi:type="xsd:string">CallObject<\/value>/);
    expect(demo).toMatch(/<value xsi:type="xsd:string">Demo Dialer<\/value>/);
  });

  it('modjo-sf pushes the sample calls to the fake org (the API contract) and each one is created', async () => {
    const org = await startFakeOrg();
    const dir = mkdtempSync(join(tmpdir(), 'modjo-seedpush-'));
    try {
      const out = await runCli(['push', join(dataDir, 'payloads'), '--instance-url', org.url, '--json'], {
        cwd: dir,
        env: { MODJO_SF_ACCESS_TOKEN: org.token }
      });
      const count = readdirSync(join(dataDir, 'payloads')).filter((f) => f.endsWith('.json')).length;
      expect({ code: out.code, stderr: out.stderr }).toEqual({ code: 0, stderr: '' });
      expect(out.json).toMatchObject({ status: 0, result: { acknowledged: count, failed: 0 } });
      expect((out.json?.result as { outcomes: Record<string, number> }).outcomes).toEqual({ created: count });
    } finally {
      await org.close();
    }
  });

  it('org:seed moves every sample date by the days since the sample day, and nothing else', () => {
    expect(daysSinceAnchor(new Date('2026-11-27T23:59:00Z'))).toBe(0);
    expect(daysSinceAnchor(new Date('2027-03-01T08:00:00Z'))).toBe(94);
    expect(shiftDateText('2026-11-20T09:30:00+01:00', 94)).toBe('2027-02-22T09:30:00+01:00');
    expect(shiftDateText('2026-12-31', 1)).toBe('2027-01-01');
    const out = mkdtempSync(join(tmpdir(), 'modjo-shift-'));
    const written = writeShiftedSampleData(dataDir, out, 94);
    const payloadCount = readdirSync(join(dataDir, 'payloads')).filter((f) => f.endsWith('.json')).length;
    expect(written).toHaveLength(1 + plan.flatMap((p) => p.files).length + payloadCount);
    // Every difference between a copied file and its source is a date moved by exactly 94 days.
    const dateLike = /^\d{4}-\d{2}-\d{2}/;
    const differences: string[] = [];
    const compare = (a: unknown, b: unknown, path: string): void => {
      if (typeof a === 'object' && a !== null) {
        for (const key of Object.keys(a)) {
          compare((a as Json)[key], (b as Json)[key], `${path}/${key}`);
        }
      } else if (a !== b) {
        const moved = typeof a === 'string' && dateLike.test(a) && shiftDateText(a, 94) === b;
        if (!moved) differences.push(`${path}: ${String(a)} -> ${String(b)}`);
      }
    };
    let movedDates = 0;
    for (const file of written) {
      const source = readFileSync(join(dataDir, file), 'utf8');
      const copy = readFileSync(join(out, file), 'utf8');
      compare(JSON.parse(source), JSON.parse(copy), file);
      movedDates += (source.match(/"20\d\d-\d\d-\d\d/g) ?? []).filter((d) => !copy.includes(d)).length;
    }
    expect(differences).toEqual([]);
    expect(movedDates).toBeGreaterThanOrEqual(20);
  });

  it('the sample calls are valid against the contract schema and match the seeded people', () => {
    const schemaPath = join(ROOT, 'contract', 'call-payload.schema.json');
    const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(readJson(schemaPath) as Json);
    const { scenarios } = readJson(join(dataDir, 'scenarios.json')) as {
      scenarios: { file: string; modjoCallId: string; expect: Record<string, unknown> }[];
    };
    const payloadFiles = readdirSync(join(dataDir, 'payloads')).filter((f) => f.endsWith('.json'));
    expect(scenarios.map((s) => s.file).sort()).toEqual(payloadFiles.map((f) => `payloads/${f}`).sort());
    const contactEmails = emails('Contact');
    const leadEmails = emails('Lead');
    const names = (type: string) => all(type).map((r) => String(r.Name ?? r.Company));
    const callObjects = all('Task').map((t) => t.CallObject);
    for (const scenario of scenarios) {
      const payload = readJson(join(dataDir, scenario.file)) as Json;
      expect({ file: scenario.file, valid: validate(payload), errors: validate.errors ?? null }).toEqual({
        file: scenario.file,
        valid: true,
        errors: null
      });
      expect(payload.modjoCallId).toBe(scenario.modjoCallId);
      const e = scenario.expect;
      const list = (key: string): string[] => {
        const value = e[key];
        return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
      };
      const missing = [
        ...[...list('contacts'), ...list('candidates')].filter((m) => !contactEmails.includes(m)),
        ...[...list('leads'), ...list('convertedLead')].filter((m) => !leadEmails.includes(m)),
        ...list('account').filter(
          (a) => ![...names('Account'), ...all('Lead').map((l) => String(l.Company))].includes(a)
        ),
        ...[...list('opportunity'), ...list('opportunityCandidates')].filter((o) => !names('Opportunity').includes(o)),
        ...list('reusesTask').filter((id) => !callObjects.includes(id))
      ];
      expect({ file: scenario.file, missing }).toEqual({ file: scenario.file, missing: [] });
      const provider = payload.provider as Json | undefined;
      const reuses = list('reusesTask');
      // A call that should reuse a dialer Task names the Demo Dialer and that Task's call id.
      expect(reuses.map(() => provider)).toEqual(reuses.map((id) => ({ name: 'Demo Dialer', callId: id })));
    }
  });
});

describe('guides', () => {
  const guides = ['docs/admin-guide.md', 'docs/rep-guide.md', 'docs/releasing.md', 'CHANGELOG.md'];

  it.each(guides)('%s: every relative link and image points at a file of the repository', (guide) => {
    const text = readFileSync(join(ROOT, guide), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1].split('#')[0])
      .filter((t) => t !== '' && !/^[a-z]+:/.test(t));
    const base = join(ROOT, guide, '..');
    expect(targets.filter((t) => !existsSync(join(base, t)))).toEqual([]);
  });

  it('the admin guide names every permission set and setting of the package', () => {
    const guide = readFileSync(join(ROOT, 'docs/admin-guide.md'), 'utf8');
    const permsetDir = join(ROOT, 'force-app/main/default/permissionsets');
    const permsets = existsSync(permsetDir)
      ? readdirSync(permsetDir).map((f) => f.replace('.permissionset-meta.xml', ''))
      : [];
    const settingsDir = join(ROOT, 'force-app/main/default/objects/Modjo_Setting__mdt/fields');
    const settings = readdirSync(settingsDir).map((f) => f.replace('.field-meta.xml', ''));
    // Subscriber-facing names carry the namespace (`modjo__Field__c`); permission sets are named without it.
    const named = (name: string): boolean => guide.includes(`\`${name}\``) || guide.includes(`\`modjo__${name}\``);
    expect([...permsets, ...settings].filter((name) => !named(name))).toEqual([]);
  });
});

/**
 * Fake `sf`, `npm` and `npx` executables for running scripts/org/*.sh offline. Each call is appended to a log file
 * ($FAKE_LOG) as one line "<tool> <args>". The fake `sf apex run test` writes result files like the real CLI
 * (test-run-id.txt, test-result-<id>.json, JUnit XML) according to $FAKE_APEX: "pass", "fail" or "lowcoverage";
 * `sf data query` prints $FAKE_QUERY_DIR/tasks.json for a query on Task, else $FAKE_QUERY_DIR/calls.json.
 * `sf sobject list` names TaskRelation when $FAKE_SHARED_ACTIVITIES is set; `sf sobject describe` of Account has
 * IsPersonAccount when $FAKE_PERSON_ACCOUNTS is set.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FAKE_SF = `#!/usr/bin/env bash
echo "sf $*" >> "$FAKE_LOG"
if [[ "$1" == "--version" ]]; then echo "@salesforce/cli/2.0.0-fake"; exit 0; fi
if [[ "$1 $2" == "sobject list" ]]; then
  if [[ -n "$FAKE_SHARED_ACTIVITIES" ]]; then echo '{"result":["Account","TaskRelation"]}'; else echo '{"result":["Account"]}'; fi
  exit 0
fi
if [[ "$1 $2" == "sobject describe" ]]; then
  if [[ -n "$FAKE_PERSON_ACCOUNTS" ]]; then echo '{"result":{"fields":[{"name": "IsPersonAccount"}]}}'; else echo '{"result":{"fields":[]}}'; fi
  exit 0
fi
if [[ "$1 $2" == "data query" ]]; then
  if [[ "$*" == *"FROM Task"* ]]; then cat "$FAKE_QUERY_DIR/tasks.json"; else cat "$FAKE_QUERY_DIR/calls.json"; fi
  exit 0
fi
if [[ "$1 $2 $3" == "apex run test" ]]; then
  out=""
  while [[ $# -gt 0 ]]; do
    if [[ "$1" == "--output-dir" ]]; then out="$2"; fi
    shift
  done
  mkdir -p "$out"
  id="707000000000001"
  printf '%s' "$id" > "$out/test-run-id.txt"
  outcome=Passed; failing=0; coverage="93%"; test_outcome=Pass
  case "$FAKE_APEX" in
    fail) outcome=Failed; failing=1; test_outcome=Fail ;;
    lowcoverage) coverage="84%" ;;
  esac
  cat > "$out/test-result-$id.json" << JSON
{"summary":{"outcome":"$outcome","testsRan":2,"passing":$((2 - failing)),"failing":$failing,"skipped":0,"orgWideCoverage":"$coverage","testRunCoverage":"$coverage","testRunId":"$id"},
 "tests":[{"MethodName":"ingestsOneCall","Outcome":"Pass","Message":null,"ApexClass":{"Name":"CallIngestionServiceTest"},"FullName":"CallIngestionServiceTest.ingestsOneCall"},
          {"MethodName":"matchesByPhone","Outcome":"$test_outcome","Message":"System.AssertException: Assertion Failed","ApexClass":{"Name":"ParticipantMatcherTest"},"FullName":"ParticipantMatcherTest.matchesByPhone"}]}
JSON
  echo '<testsuites/>' > "$out/test-result.xml"
  if [[ "$outcome" == "Failed" ]]; then exit 100; fi
fi
exit 0
`;

const FAKE_LOGGER = (tool: string) => `#!/usr/bin/env bash
echo "${tool} $*" >> "$FAKE_LOG"
exit 0
`;

/**
 * The test process's environment without the GitHub Actions variables: scripts run by the tests must not write
 * annotations or step summaries into the CI run that executes the tests.
 */
export function quietEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.GITHUB_ACTIONS;
  delete env.GITHUB_STEP_SUMMARY;
  delete env.GITHUB_OUTPUT;
  delete env.GITHUB_ENV;
  return env;
}

export interface FakeBin {
  dir: string;
  log: string;
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
}

/** A temporary directory with fake sf, npm and npx, to be put first on PATH. */
export function makeFakeBin(): FakeBin {
  const root = mkdtempSync(join(tmpdir(), 'modjo-release-'));
  const dir = join(root, 'bin');
  mkdirSync(dir);
  const log = join(root, 'calls.log');
  writeFileSync(log, '');
  const tools: Record<string, string> = { sf: FAKE_SF, npm: FAKE_LOGGER('npm'), npx: FAKE_LOGGER('npx') };
  for (const [name, body] of Object.entries(tools)) {
    const file = join(dir, name);
    writeFileSync(file, body);
    chmodSync(file, 0o755);
  }
  return {
    dir,
    log,
    env: (extra = {}) => ({
      ...quietEnv(),
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      MODJO_SF_BIN: dir,
      FAKE_LOG: log,
      ...extra
    })
  };
}

/**
 * Compares what the org made of the sample calls (data/payloads) with what data/scenarios.json expects: match status,
 * Account, Opportunity, primary Contact or Lead, and the reuse of the dialer's Task. Used by scripts/org/seed.sh after
 * the push, so that a seeded org (a laptop's or CI's) checks the whole path: API, ingestion, matching, activities.
 */
export interface ScenarioExpectation {
  matchStatus?: string;
  contacts?: string[];
  candidates?: string[];
  leads?: string[];
  convertedLead?: string;
  account?: string;
  opportunity?: string;
  opportunityCandidates?: string[];
  noOpportunity?: boolean;
  reusesTask?: string;
  unmatched?: string[];
}

export interface Scenario {
  file: string;
  modjoCallId: string;
  title: string;
  expect: ScenarioExpectation;
}

/** One Call__c row as the comparison needs it (names without namespace). */
export interface CallRow {
  modjoCallId: string;
  matchStatus: string | null;
  accountName: string | null;
  opportunityName: string | null;
  contactEmail: string | null;
  leadEmail: string | null;
  taskId: string | null;
  explanation: string | null;
}

export interface ScenarioVerdict {
  modjoCallId: string;
  title: string;
  problems: string[];
  explanation: string | null;
}

const lower = (value: string | null | undefined): string | null => (value ? value.toLowerCase() : null);

/** The problems of one call against its scenario; empty when it is as expected. */
export function compareScenario(
  scenario: Scenario,
  row: CallRow | undefined,
  taskIdByCallObject: Map<string, string>
): string[] {
  if (!row) return ['the call is not in the org (see the push results)'];
  const e = scenario.expect;
  const problems: string[] = [];
  const check = (what: string, ok: boolean, expected: string, actual: string | null): void => {
    if (!ok) problems.push(`${what}: expected ${expected}, got ${actual ?? '(none)'}`);
  };
  if (e.matchStatus) check('match status', row.matchStatus === e.matchStatus, e.matchStatus, row.matchStatus);
  if (e.account) check('Account', row.accountName === e.account, e.account, row.accountName);
  if (e.opportunity) check('Opportunity', row.opportunityName === e.opportunity, e.opportunity, row.opportunityName);
  if (e.opportunityCandidates) {
    check(
      'Opportunity',
      row.opportunityName !== null && e.opportunityCandidates.includes(row.opportunityName),
      `one of ${e.opportunityCandidates.join(', ')}`,
      row.opportunityName
    );
  }
  if (e.noOpportunity) check('Opportunity', row.opportunityName === null, 'none', row.opportunityName);
  const people = [...(e.contacts ?? []), ...(e.candidates ?? []), ...(e.convertedLead ? [e.convertedLead] : [])];
  if (people.length > 0) {
    const email = lower(row.contactEmail);
    check('Contact', email !== null && people.map((p) => p.toLowerCase()).includes(email), people.join(' or '), email);
  }
  if (e.leads) {
    const email = lower(row.leadEmail);
    check('Lead', email !== null && e.leads.map((p) => p.toLowerCase()).includes(email), e.leads.join(' or '), email);
  }
  if (e.reusesTask) {
    const expected = taskIdByCallObject.get(e.reusesTask);
    check(
      'Task',
      expected !== undefined && row.taskId !== null && row.taskId.slice(0, 15) === expected.slice(0, 15),
      `the Demo Dialer Task ${e.reusesTask} (${expected ?? 'not found in the org'})`,
      row.taskId
    );
  }
  return problems;
}

export function verifyScenarios(
  scenarios: Scenario[],
  rows: CallRow[],
  taskIdByCallObject: Map<string, string>
): ScenarioVerdict[] {
  const byId = new Map(rows.map((r) => [r.modjoCallId, r]));
  return scenarios.map((scenario) => {
    const row = byId.get(scenario.modjoCallId);
    return {
      modjoCallId: scenario.modjoCallId,
      title: scenario.title,
      problems: compareScenario(scenario, row, taskIdByCallObject),
      explanation: row?.explanation ?? null
    };
  });
}

/** SOQL names with the package namespace when the org has one ("modjo__Call__c"), bare otherwise. */
export function callQuery(ids: string[], namespace: string | null): string {
  const n = (name: string): string => (namespace ? `${namespace}__${name}` : name);
  const r = (name: string): string => n(name).replace(/__c$/, '__r');
  const quoted = ids.map((id) => `'${id.replace(/'/g, "\\'")}'`).join(', ');
  return (
    `SELECT ${n('Modjo_Call_Id__c')}, ${n('Match_Status__c')}, ${r('Account__c')}.Name, ${r('Opportunity__c')}.Name, ` +
    `${r('Contact__c')}.Email, ${r('Lead__c')}.Email, ${n('Task_Id__c')}, ${n('Match_Explanation__c')} ` +
    `FROM ${n('Call__c')} WHERE ${n('Modjo_Call_Id__c')} IN (${quoted})`
  );
}

function field(record: Record<string, unknown>, name: string, namespace: string | null): unknown {
  return record[namespace ? `${namespace}__${name}` : name];
}

function relationField(
  record: Record<string, unknown>,
  lookup: string,
  child: string,
  namespace: string | null
): string | null {
  const relation = field(record, lookup.replace(/__c$/, '__r'), namespace);
  if (typeof relation !== 'object' || relation === null) return null;
  const value = (relation as Record<string, unknown>)[child];
  return typeof value === 'string' ? value : null;
}

/** Rows of `sf data query --json` on Call__c, as CallRow. */
export function callRowsFromQuery(json: unknown, namespace: string | null): CallRow[] {
  const result = (json as { result?: { records?: Record<string, unknown>[] } })?.result;
  const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return (result?.records ?? []).map((record) => ({
    modjoCallId: str(field(record, 'Modjo_Call_Id__c', namespace)) ?? '',
    matchStatus: str(field(record, 'Match_Status__c', namespace)),
    accountName: relationField(record, 'Account__c', 'Name', namespace),
    opportunityName: relationField(record, 'Opportunity__c', 'Name', namespace),
    contactEmail: relationField(record, 'Contact__c', 'Email', namespace),
    leadEmail: relationField(record, 'Lead__c', 'Email', namespace),
    taskId: str(field(record, 'Task_Id__c', namespace)),
    explanation: str(field(record, 'Match_Explanation__c', namespace))
  }));
}

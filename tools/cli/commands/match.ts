/**
 * `modjo-sf match <payload files> --target-org <alias>`: what the org's matcher would decide for each call, without
 * writing anything (POST /v1/match-preview), printed as a table with each call's explanation (or the whole answer
 * with --json). Payloads are read like validate and push read them; they are sent 200 at most per request (and at
 * most MAX_BODY_BYTES of body), in order, and the answers merged.
 */
import { CliError, EXIT, UsageError, intFlag, type CommandDef, type CommandOutcome } from '../cli-kit';
import { forEachPayload, locate, type PayloadRecord, type SourceProblem } from '../payload-source';
import { API_BASE, type Transport } from '../push/transport';
import { requestJsonObject } from '../org-request';
import { TARGET_FLAGS, checkTokenSource, resolveTransport } from '../target';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from '../../../contract/validate';

export const MATCH_PREVIEW_PATH = `${API_BASE}/match-preview`;

/** --timeout, in seconds (one request). */
export const MATCH_TIMEOUT = { default: 60, min: 1, max: 600 } as const;

/** Most payloads one run previews (a preview is a reading, not a migration: push is the bulk tool). */
export const MAX_MATCH_PAYLOADS = 2000;

type Json = Record<string, unknown>;

/** Record lists of the answer, merged across requests. */
const RECORD_LISTS = [
  'contacts',
  'leads',
  'accounts',
  'opportunities',
  'opportunityContactRoles',
  'activities'
] as const;

export interface MatchCall extends Json {
  /** Where the payload came from. */
  source: string;
  line?: number;
}

export interface MatchResult {
  target: string;
  calls: number;
  previewed: number;
  rejected: number;
  /** One per payload, in input order: the org's result (decision, explanation, participants) and its source. */
  results: MatchCall[];
  contacts: Json[];
  leads: Json[];
  accounts: Json[];
  opportunities: Json[];
  opportunityContactRoles: Json[];
  activities: Json[];
  withheld: Json[];
}

export const matchCommand: CommandDef<MatchResult> = {
  name: 'match',
  usage: 'match <file|dir|->... --target-org <alias|username> [--json]',
  flags: [...TARGET_FLAGS, { name: 'timeout', type: 'string', placeholder: 'seconds' }],
  async run({ flags, positionals, io, org }) {
    if (positionals.length === 0) throw new UsageError('match needs at least one file, directory or "-"');
    checkTokenSource(flags, positionals);
    const timeoutMs = intFlag(flags, 'timeout', MATCH_TIMEOUT.default, MATCH_TIMEOUT.min, MATCH_TIMEOUT.max) * 1000;
    const records = await readPayloads(positionals, io.cwd, io.stdin);
    const transport = await resolveTransport(flags, io, 1, org);
    try {
      const result = emptyResult(transport.instanceUrl);
      for (const batch of batches(records)) {
        merge(result, batch, await previewBatch(transport, batch, timeoutMs));
      }
      return outcome(result);
    } finally {
      transport.close();
    }
  }
};

/** Every payload of the inputs; an input problem or too many payloads stops the command before any request. */
async function readPayloads(inputs: string[], cwd: string, stdin: NodeJS.ReadableStream): Promise<PayloadRecord[]> {
  const records: PayloadRecord[] = [];
  const problems: SourceProblem[] = [];
  await forEachPayload(
    inputs,
    cwd,
    stdin as never,
    (r) => records.push(r),
    (p) => problems.push(p)
  );
  if (problems.length > 0) {
    const detail = problems.map((p) => `${locate(p)}  ${p.code}  ${p.message}`).join('\n');
    throw new CliError(`The inputs cannot be read:\n${detail}`, EXIT.FAILED, 'InvalidInput', { problems });
  }
  if (records.length === 0) throw new CliError('The inputs hold no payload', EXIT.FAILED, 'InvalidInput');
  if (records.length > MAX_MATCH_PAYLOADS) {
    throw new UsageError(`match previews at most ${MAX_MATCH_PAYLOADS} payloads per run (got ${records.length})`);
  }
  return records;
}

/** Consecutive slices of at most MAX_BATCH_SIZE payloads and MAX_BODY_BYTES of body. */
function batches(records: PayloadRecord[]): PayloadRecord[][] {
  const out: PayloadRecord[][] = [];
  let current: PayloadRecord[] = [];
  let bytes = 12;
  for (const record of records) {
    const size = Buffer.byteLength(JSON.stringify(record.payload)) + 1;
    if (current.length > 0 && (current.length >= MAX_BATCH_SIZE || bytes + size > MAX_BODY_BYTES)) {
      out.push(current);
      current = [];
      bytes = 12;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

async function previewBatch(transport: Transport, batch: PayloadRecord[], timeoutMs: number): Promise<Json> {
  const { body } = await requestJsonObject(
    transport,
    {
      method: 'POST',
      path: MATCH_PREVIEW_PATH,
      body: JSON.stringify({ calls: batch.map((r) => r.payload) }),
      timeoutMs
    },
    {
      name: 'MatchPreviewFailed',
      notFoundHint: ' — is a Modjo package version with the match preview installed in this org?',
      forbiddenHint: ' — assign the Modjo Integration (or Modjo Admin) permission set: it holds Modjo_Read_Context'
    }
  );
  return body;
}

function emptyResult(target: string): MatchResult {
  return {
    target,
    calls: 0,
    previewed: 0,
    rejected: 0,
    results: [],
    contacts: [],
    leads: [],
    accounts: [],
    opportunities: [],
    opportunityContactRoles: [],
    activities: [],
    withheld: []
  };
}

/** Adds one answer: results located in their inputs, records and withheld fields once each. */
function merge(result: MatchResult, batch: PayloadRecord[], answer: Json): void {
  const results = Array.isArray(answer.results) ? (answer.results as Json[]) : [];
  results.forEach((item, i) => {
    const record = batch[i];
    result.results.push({
      ...item,
      index: result.calls + i,
      source: record.source,
      ...(record.line === undefined ? {} : { line: record.line })
    });
  });
  result.calls += batch.length;
  result.previewed += Number(answer.previewed ?? 0);
  result.rejected += Number(answer.rejected ?? 0);
  for (const list of RECORD_LISTS) addOnce(result[list], answer[list], recordKey);
  addOnce(result.withheld, answer.withheld, (w) => `${String(w.object)}.${String(w.field)}`);
}

function recordKey(record: Json): string {
  return typeof record.Id === 'string' ? record.Id : `${String(record.OpportunityId)}/${String(record.ContactId)}`;
}

function addOnce(target: Json[], items: unknown, key: (item: Json) => string): void {
  if (!Array.isArray(items)) return;
  const seen = new Set(target.map(key));
  for (const item of items as Json[]) {
    if (!seen.has(key(item))) {
      seen.add(key(item));
      target.push(item);
    }
  }
}

function outcome(result: MatchResult): CommandOutcome<MatchResult> {
  const warnings = result.withheld.map(
    (w) => `${String(w.object)}${w.field ? `.${String(w.field)}` : ''} withheld: ${String(w.reason)}`
  );
  const human = renderMatch(result);
  if (result.rejected === 0) return { result, human, warnings };
  return {
    result,
    human,
    warnings,
    exitCode: EXIT.FAILED,
    failure: {
      name: 'InvalidPayloads',
      message: `${result.rejected} of ${result.calls} payload(s) rejected by the org`
    }
  };
}

/** The table of decisions, then each call's explanation (or its errors). */
export function renderMatch(result: MatchResult): string {
  const names = nameIndex(result);
  const name = (id: unknown): string => (typeof id === 'string' ? (names.get(id) ?? id) : '-');
  const rows = result.results.map((r) => [
    String(Number(r.index) + 1),
    String(r.modjoCallId ?? '?'),
    r.outcome === 'rejected' ? 'Rejected' : String(r.matchStatus ?? '?'),
    r.contactId ? name(r.contactId) : r.leadId ? `${name(r.leadId)} (Lead)` : '-',
    name(r.accountId),
    name(r.opportunityId),
    activity(r)
  ]);
  const lines = table(['#', 'Call', 'Status', 'Person', 'Account', 'Opportunity', 'Activity'], rows);
  for (const r of result.results) {
    lines.push('', `${Number(r.index) + 1}. ${String(r.modjoCallId ?? '?')} (${locate(r)})`);
    const errors = Array.isArray(r.errors) ? (r.errors as Json[]) : [];
    if (r.outcome === 'rejected') {
      for (const e of errors) lines.push(`   ${String(e.path)}  ${String(e.code)}  ${String(e.message)}`);
      continue;
    }
    for (const line of Array.isArray(r.explanation) ? (r.explanation as string[]) : []) lines.push(`   ${line}`);
  }
  lines.push(
    '',
    `${result.calls} call(s): ${result.previewed} previewed, ${result.rejected} rejected; nothing was written to ${result.target}`
  );
  return lines.join('\n');
}

function activity(r: Json): string {
  if (!r.activityAction) return '-';
  const what = `${String(r.activityAction)} ${String(r.activityType ?? '')}`.trim();
  return r.activityId ? `${what} ${String(r.activityId)}` : what;
}

/** Record id → its Name (Contacts, Leads, Accounts, Opportunities of the answer). */
function nameIndex(result: MatchResult): Map<string, string> {
  const names = new Map<string, string>();
  for (const record of [...result.contacts, ...result.leads, ...result.accounts, ...result.opportunities]) {
    if (typeof record.Id === 'string' && typeof record.Name === 'string') names.set(record.Id, record.Name);
  }
  return names;
}

/** Left-aligned columns separated by two spaces; cells cut at 40 characters. */
function table(header: string[], rows: string[][]): string[] {
  const cut = (cell: string): string => (cell.length > 40 ? `${cell.slice(0, 39)}…` : cell);
  const all = [header, ...rows].map((row) => row.map(cut));
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  return all.map((row) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd()
  );
}

/**
 * A stand-in for CallCardsController over sample data, shared by the workbench (runtime/apex.ts answers
 * `{ "server": true }` methods with it) and the LWC Jest tests. It behaves as the agreed Apex API does:
 * - `getCalls({ recordId, pageSize, cursor, searchText, topic })`: every call of the data set (one record's calls),
 *   newest first, filtered by `topic` (a topic name) and `searchText` (null or at least 2 characters, accent- and
 *   case-insensitive), keyset paged by the cursor `<startedAt epoch ms>_<id>` of the last call of the previous page;
 *   `total` counts every matching call. The text is looked for where the controller looks: title, participant names
 *   and emails and topic names in every call; summary and tags in the newest `summaryScanLimit` calls within the
 *   topic only (CallCardsSelector.SUMMARY_SCAN_LIMIT, 2,000). When there are more, the answer says so
 *   (`summariesIncomplete`, `summariesRead`, and `incomplete`), and older summaries are not found: the mock has no
 *   search index, as if Salesforce search had kept other records' calls among its 2,000 candidates.
 * - `linkParticipant({ participantId, recordId })`: links the participant to a Contact or Lead by hand.
 * - `linkCallRecords({ callId, accountId, opportunityId })`: sets the Account and/or the Opportunity (null = keep).
 * Both link methods change the data set (the next getCalls sees it) and add the explanation line CallLinkService
 * writes: `HAND_PARTICIPANT` [user, participant, record, UTC time], `HAND_ACCOUNT` / `HAND_OPPORTUNITY` [user, name,
 * UTC time]; setting an Opportunity brings its Account, as CallLinkService does.
 * Bad input gets the error the controller gives (an AuraHandledException-like `{ body: { message } }`).
 */
import type { CallCardDto, CallPageDto, CallParticipantDto } from '../../force-app/main/default/lwc/modjoFormat/types';

/** Records the pickers offer, by object (fixtures/cards/picker-records.json). */
export type PickerRecords = Record<string, Array<{ id: string; name: string; accountId?: string }>>;

export interface GetCallsParams {
  recordId?: string | null;
  pageSize?: number | null;
  cursor?: string | null;
  searchText?: string | null;
  topic?: string | null;
}

/** Options of the stand-in controller. */
export interface CallsServerOptions {
  /** How many calls' summaries a search reads (CallCardsSelector.SUMMARY_SCAN_LIMIT); a scenario can lower it. */
  summaryScanLimit?: number;
}

/** Largest page (CallCardsController.MAX_PAGE_SIZE). */
export const SERVER_MAX_PAGE_SIZE = 50;
/** Rows one look-up of the filters reads at most (CallCardsSelector.SEARCH_LIMIT): `searchLimit` of the answers. */
export const SERVER_SEARCH_LIMIT = 2000;
/** Calls whose summary and tags a search reads (CallCardsSelector.SUMMARY_SCAN_LIMIT). */
export const SERVER_SUMMARY_SCAN_LIMIT = 2000;
/** Who the mock says changed a link (the running user of the workbench). */
export const MOCK_USER_NAME = 'Camille Martin';

export class MockApexError extends Error {
  readonly body: { message: string };
  readonly status = 400;

  constructor(message: string) {
    super(message);
    this.body = { message };
  }
}

function normalize(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase();
}

/** What the controller's SOQL look-ups search in every call: title, participant names and emails, topic names. */
function lookupText(call: CallCardDto): string {
  const parts: Array<string | null | undefined> = [call.title];
  for (const p of call.participants ?? []) {
    parts.push(p.name, p.email);
  }
  for (const t of call.topics ?? []) {
    parts.push(t.name);
  }
  return normalize(parts.filter((part) => !!part).join('\n'));
}

/** What the controller reads in Apex for the newest calls only: summary and tags. */
function summaryText(call: CallCardDto): string {
  return normalize([call.summary, ...(call.tags ?? [])].filter((part) => !!part).join('\n'));
}

function cursorOf(call: CallCardDto): string {
  return `${new Date(call.startedAt ?? 0).getTime()}_${call.id}`;
}

/** Newest first, then by id (the controller's ORDER BY Started_At__c DESC, Id DESC). */
function newestFirst(a: CallCardDto, b: CallCardDto): number {
  const byDate = new Date(b.startedAt ?? 0).getTime() - new Date(a.startedAt ?? 0).getTime();
  return byDate !== 0 ? byDate : b.id.localeCompare(a.id);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class CallsServer {
  private calls: CallCardDto[];
  private readonly records: PickerRecords;
  private readonly summaryScanLimit: number;

  constructor(calls: CallCardDto[], records: PickerRecords = {}, options: CallsServerOptions = {}) {
    this.calls = clone(calls).sort(newestFirst);
    this.records = records;
    this.summaryScanLimit = options.summaryScanLimit ?? SERVER_SUMMARY_SCAN_LIMIT;
  }

  /** The records a picker for `objectApiName` offers (the workbench's lightning-record-picker reads them). */
  pickerRecords(objectApiName: string): Array<{ id: string; name: string; accountId?: string }> {
    return this.records[objectApiName] ?? [];
  }

  /** A call that just landed in Salesforce (a refresh must show it). */
  addCall(call: CallCardDto): void {
    this.calls = [...this.calls, clone(call)].sort(newestFirst);
  }

  getCalls(params: GetCallsParams): CallPageDto {
    if (!params.recordId) {
      throw new MockApexError('recordId is required.');
    }
    const search = (params.searchText ?? '').trim();
    if (search.length === 1) {
      throw new MockApexError('searchText must be null or at least 2 characters.');
    }
    const pageSize = Math.min(Math.max(Math.floor(params.pageSize ?? 10), 1), SERVER_MAX_PAGE_SIZE);
    const needle = normalize(search);
    const inTopic = this.calls.filter(
      (call) => !params.topic || (call.topics ?? []).some((t) => t.name === params.topic)
    );
    const matching = inTopic.filter(
      (call, index) =>
        !needle ||
        lookupText(call).includes(needle) ||
        (index < this.summaryScanLimit && summaryText(call).includes(needle))
    );
    const summariesIncomplete = !!needle && inTopic.length > this.summaryScanLimit;
    const start = params.cursor ? matching.findIndex((call) => cursorOf(call) === params.cursor) + 1 : 0;
    if (params.cursor && start === 0) {
      throw new MockApexError('The list is out of date. Refresh the page and try again.');
    }
    const page = matching.slice(start, start + pageSize);
    const hasMore = start + pageSize < matching.length;
    return clone({
      calls: page,
      hasMore,
      nextCursor: hasMore && page.length ? cursorOf(page[page.length - 1]) : null,
      pageSize,
      total: matching.length,
      incomplete: summariesIncomplete,
      searchLimit: SERVER_SEARCH_LIMIT,
      summariesIncomplete,
      summariesRead: needle ? Math.min(inTopic.length, this.summaryScanLimit) : null
    });
  }

  linkParticipant(params: { participantId?: string | null; recordId?: string | null }): CallCardDto {
    const recordId = params.recordId ?? '';
    const objectApiName = recordId.startsWith('003') ? 'Contact' : recordId.startsWith('00Q') ? 'Lead' : '';
    if (!objectApiName) {
      throw new MockApexError('Pick a Contact or a Lead.');
    }
    const call = this.calls.find((c) => (c.participants ?? []).some((p) => p.id === params.participantId));
    if (!call) {
      throw new MockApexError('This participant does not exist or you cannot see it.');
    }
    this.requireFix(call);
    const participant = (call.participants ?? []).find((p) => p.id === params.participantId) as CallParticipantDto;
    const record = this.pickerRecords(objectApiName).find((r) => r.id === recordId);
    Object.assign(participant, {
      recordId,
      recordName: record?.name ?? recordId,
      recordObjectApiName: objectApiName,
      matchStatus: 'Matched',
      matchExplanation: `Linked by hand by ${MOCK_USER_NAME}`
    });
    this.explainByHand(call, 'HAND_PARTICIPANT', [participant.name ?? '', record?.name ?? recordId]);
    return clone(call);
  }

  linkCallRecords(params: {
    callId?: string | null;
    accountId?: string | null;
    opportunityId?: string | null;
  }): CallCardDto {
    const call = this.calls.find((c) => c.id === params.callId);
    if (!call) {
      throw new MockApexError('This call does not exist or you cannot see it.');
    }
    this.requireFix(call);
    if (params.accountId) {
      call.accountId = params.accountId;
      call.accountName = this.pickerRecords('Account').find((r) => r.id === params.accountId)?.name ?? null;
      this.explainByHand(call, 'HAND_ACCOUNT', [call.accountName ?? params.accountId]);
    }
    if (params.opportunityId) {
      const deal = this.pickerRecords('Opportunity').find((r) => r.id === params.opportunityId);
      call.opportunityId = params.opportunityId;
      call.opportunityName = deal?.name ?? null;
      if (deal?.accountId && !params.accountId) {
        call.accountId = deal.accountId;
        call.accountName = this.pickerRecords('Account').find((r) => r.id === deal.accountId)?.name ?? null;
      }
      this.explainByHand(call, 'HAND_OPPORTUNITY', [call.opportunityName ?? params.opportunityId]);
    }
    return clone(call);
  }

  private requireFix(call: CallCardDto): void {
    if (call.canFixMatch !== true) {
      throw new MockApexError('You need the Modjo_Fix_Matches permission to change a match.');
    }
  }

  /** Adds a hand-fix line as CallLinkService does: the user first, the UTC time (ISO 8601, seconds) last. */
  private explainByHand(call: CallCardDto, code: string, params: string[]): void {
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    call.matchExplanationLines = [
      ...(call.matchExplanationLines ?? []),
      { code, params: [MOCK_USER_NAME, ...params, at] }
    ];
  }
}

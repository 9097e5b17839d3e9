/*
 * Modjo calls of an Account, Contact, Lead or Opportunity record page, newest first.
 * - First page from the @wire of CallCardsController.getCalls; "View more" calls it imperatively with the cursor of
 *   the last page (keyset paging on Started_At__c + Id; never OFFSET; page size capped at 50 by the controller).
 * - Topic filter and search work on the calls already loaded (accent-insensitive); "View more" keeps them applied.
 * - Without the Modjo_View_Calls custom permission (Modjo User permission set) nothing is queried and the card says
 *   which permission set to ask the admin for.
 */
import { LightningElement, api, wire } from 'lwc';
import getCalls from '@salesforce/apex/CallCardsController.getCalls';
import hasViewCalls from '@salesforce/customPermission/Modjo_View_Calls';
import {
  errorMessage,
  formatLabel,
  matchesFilter,
  searchableText,
  type CallCardDto,
  type CallPageDto
} from 'c/modjoFormat';
import DEFAULT_TITLE from '@salesforce/label/c.Cards_List_Title_Default';
import SEARCH_LABEL from '@salesforce/label/c.Cards_Search_Label';
import SEARCH_PLACEHOLDER from '@salesforce/label/c.Cards_Search_Placeholder';
import TOPIC_LABEL from '@salesforce/label/c.Cards_Topic_Filter_Label';
import TOPIC_ALL from '@salesforce/label/c.Cards_Topic_All';
import LOADING from '@salesforce/label/c.Cards_Loading';
import EMPTY from '@salesforce/label/c.Cards_Empty';
import EMPTY_FILTERED from '@salesforce/label/c.Cards_Empty_Filtered';
import ERROR_TITLE from '@salesforce/label/c.Cards_Error_Title';
import VIEW_MORE from '@salesforce/label/c.Cards_View_More';
import SHOWN_COUNT from '@salesforce/label/c.Cards_Shown_Count';
import NO_PERMISSION_TITLE from '@salesforce/label/c.Cards_No_Permission_Title';
import NO_PERMISSION_BODY from '@salesforce/label/c.Cards_No_Permission_Body';

/** Largest page the controller returns (CallCardsController.MAX_PAGE_SIZE). */
export const MAX_PAGE_SIZE = 50;
/** Page size when the design attribute is empty (CallCardsController.DEFAULT_PAGE_SIZE). */
export const DEFAULT_PAGE_SIZE = 10;

interface WiredPage {
  data?: CallPageDto;
  error?: unknown;
}

interface IndexedCall {
  call: CallCardDto;
  text: string;
}

function clampPageSize(value: unknown): number {
  const size = Math.floor(Number(value));
  if (!Number.isFinite(size) || size < 1) {
    return DEFAULT_PAGE_SIZE;
  }
  return Math.min(size, MAX_PAGE_SIZE);
}

/** "All topics" then every topic of the loaded calls, alphabetically. */
function topicOptions(calls: IndexedCall[]): { label: string; value: string }[] {
  const names = new Set<string>();
  for (const entry of calls) {
    for (const topic of entry.call.topics ?? []) {
      if (topic.name) {
        names.add(topic.name);
      }
    }
  }
  const sorted = [...names].sort((a, b) => a.localeCompare(b));
  return [{ label: TOPIC_ALL, value: '' }, ...sorted.map((name) => ({ label: name, value: name }))];
}

export default class CallList extends LightningElement {
  /** Card title (design attribute); the "Modjo Calls" label when empty. */
  @api listTitle?: string;
  /** Show the highlights on each card (design attribute, on by default in App Builder). */
  @api showHighlights = false;

  labels = {
    searchLabel: SEARCH_LABEL,
    searchPlaceholder: SEARCH_PLACEHOLDER,
    topicLabel: TOPIC_LABEL,
    loading: LOADING,
    empty: EMPTY,
    emptyFiltered: EMPTY_FILTERED,
    errorTitle: ERROR_TITLE,
    viewMore: VIEW_MORE,
    noPermissionTitle: NO_PERMISSION_TITLE,
    noPermissionBody: NO_PERMISSION_BODY
  };

  /** Record id given to the wire; stays undefined (no query) without the custom permission. */
  queryRecordId?: string;
  /** Page size given to the wire. */
  queryPageSize = DEFAULT_PAGE_SIZE;

  calls: IndexedCall[] = [];
  /** The loaded calls the search and topic filter let through (recomputed when one of them changes). */
  visibleCalls: CallCardDto[] = [];
  topicOptions: { label: string; value: string }[] = [{ label: TOPIC_ALL, value: '' }];
  nextCursor?: string;
  hasMore = false;
  loaded = false;
  loadingMore = false;
  errorText = '';
  searchTerm = '';
  topic = '';

  private pageSizeValue = DEFAULT_PAGE_SIZE;
  private recordIdValue?: string;

  /** Id of the record whose page shows the list (set by the record page). */
  @api
  get recordId(): string | undefined {
    return this.recordIdValue;
  }
  set recordId(value: string | undefined) {
    this.recordIdValue = value;
    this.queryRecordId = this.hasPermission ? value : undefined;
  }

  /** How many calls to load per page (design attribute, 1–50). */
  @api
  get pageSize(): number {
    return this.pageSizeValue;
  }
  set pageSize(value: number) {
    this.pageSizeValue = clampPageSize(value);
    this.queryPageSize = this.pageSizeValue;
  }

  /** The platform gives `true` with the custom permission, `undefined` without it. */
  get hasPermission(): boolean {
    return Boolean(hasViewCalls);
  }

  @wire(getCalls, { recordId: '$queryRecordId', pageSize: '$queryPageSize', cursor: null })
  wiredCalls({ data, error }: WiredPage): void {
    if (data) {
      this.calls = [];
      this.appendPage(data);
      this.errorText = '';
      this.loaded = true;
    } else if (error) {
      this.calls = [];
      this.applyFilters();
      this.hasMore = false;
      this.errorText = errorMessage(error, ERROR_TITLE);
      this.loaded = true;
    }
  }

  get cardTitle(): string {
    return this.listTitle || DEFAULT_TITLE;
  }

  get isLoading(): boolean {
    return this.hasPermission && !this.loaded;
  }

  get hasError(): boolean {
    return this.errorText.length > 0;
  }

  get hasCalls(): boolean {
    return this.calls.length > 0;
  }

  get hasVisibleCalls(): boolean {
    return this.visibleCalls.length > 0;
  }

  get isEmpty(): boolean {
    return this.loaded && !this.hasError && this.calls.length === 0;
  }

  get isFilteredEmpty(): boolean {
    return this.hasCalls && !this.hasVisibleCalls;
  }

  get hasTopics(): boolean {
    return this.topicOptions.length > 1;
  }

  get shownCount(): string {
    return formatLabel(SHOWN_COUNT, this.visibleCalls.length);
  }

  handleSearch(event: CustomEvent<{ value: string }>): void {
    this.searchTerm = event.detail?.value ?? (event.target as HTMLInputElement | null)?.value ?? '';
    this.applyFilters();
  }

  handleTopic(event: CustomEvent<{ value: string }>): void {
    this.topic = event.detail?.value ?? '';
    this.applyFilters();
  }

  async handleViewMore(): Promise<void> {
    if (!this.hasMore || !this.nextCursor || this.loadingMore || !this.queryRecordId) {
      return;
    }
    this.loadingMore = true;
    try {
      const page = (await getCalls({
        recordId: this.queryRecordId,
        pageSize: this.queryPageSize,
        cursor: this.nextCursor
      })) as CallPageDto;
      this.appendPage(page);
    } catch (error) {
      this.errorText = errorMessage(error, ERROR_TITLE);
    } finally {
      this.loadingMore = false;
    }
  }

  private appendPage(page: CallPageDto): void {
    const known = new Set(this.calls.map((entry) => entry.call.id));
    const fresh = (page.calls ?? [])
      .filter((call) => !known.has(call.id))
      .map((call) => ({ call, text: searchableText(call) }));
    this.calls = [...this.calls, ...fresh];
    this.hasMore = page.hasMore === true && !!page.nextCursor;
    this.nextCursor = page.nextCursor ?? undefined;
    this.topicOptions = topicOptions(this.calls);
    this.applyFilters();
  }

  private applyFilters(): void {
    this.visibleCalls = this.calls
      .filter((entry) => matchesFilter(entry.call, this.topic, this.searchTerm, entry.text))
      .map((entry) => entry.call);
  }
}

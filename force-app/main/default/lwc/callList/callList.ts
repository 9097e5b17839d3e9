/*
 * Modjo calls of an Account, Contact, Lead or Opportunity, newest first.
 * - On a record page: the latest `pageSize` calls as compact rows (or expanded cards: the `display` design
 *   attribute) and "View all", which opens this same component as a full page (lightning__UrlAddressable, the
 *   record in `c__recordId`), where "View more" pages through every call.
 * - Search (2 characters or more) and the topic filter are answered by the server over ALL the calls of the record
 *   (CallCardsController.getCalls `searchText` / `topic`); the header shows the record's total ("Modjo Calls (37)").
 * - Current: a refresh button, the `lightning/refresh` RefreshEvent (registerRefreshHandler) and Retry all refresh
 *   the wired page with refreshApex. A "View more" answer that arrives after a refresh, a new search or a new
 *   filter belongs to an older list (its generation) and is dropped.
 * - Without the Modjo_View_Calls custom permission (Modjo User permission set) nothing is queried and the card says
 *   which permission set to ask the admin for.
 */
import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin, CurrentPageReference, type PageReference } from 'lightning/navigation';
import { registerRefreshHandler, unregisterRefreshHandler } from 'lightning/refresh';
import { refreshApex } from '@salesforce/apex';
import getCalls from '@salesforce/apex/CallCardsController.getCalls';
import hasViewCalls from '@salesforce/customPermission/Modjo_View_Calls';
import LANG from '@salesforce/i18n/lang';
import {
  errorMessage,
  formatLabel,
  isModifiedClick,
  pluralLabel,
  searchWarning,
  type CallCardDto,
  type CallPageDto
} from 'c/modjoFormat';
import DEFAULT_TITLE from '@salesforce/label/c.Cards_List_Title_Default';
import TITLE_TOTAL from '@salesforce/label/c.Cards_List_Title_Total';
import SEARCH_LABEL from '@salesforce/label/c.Cards_Search_Label';
import SEARCH_PLACEHOLDER from '@salesforce/label/c.Cards_Search_Placeholder';
import SEARCH_HINT from '@salesforce/label/c.Cards_Search_Hint';
import TOPIC_LABEL from '@salesforce/label/c.Cards_Topic_Filter_Label';
import TOPIC_ALL from '@salesforce/label/c.Cards_Topic_All';
import LOADING from '@salesforce/label/c.Cards_Loading';
import EMPTY from '@salesforce/label/c.Cards_Empty';
import EMPTY_FILTERED from '@salesforce/label/c.Cards_Empty_Filtered';
import ERROR_TITLE from '@salesforce/label/c.Cards_Error_Title';
import MORE_ERROR from '@salesforce/label/c.Cards_View_More_Error';
import VIEW_MORE from '@salesforce/label/c.Cards_View_More';
import VIEW_ALL from '@salesforce/label/c.Cards_View_All';
import REFRESH from '@salesforce/label/c.Cards_Refresh';
import RETRY from '@salesforce/label/c.Cards_Retry';
import SHOWN_ONE from '@salesforce/label/c.Cards_Shown_Count_One';
import SHOWN_OTHER from '@salesforce/label/c.Cards_Shown_Count';
import SHOWN_OF from '@salesforce/label/c.Cards_Shown_Of';
import SEARCH_INCOMPLETE from '@salesforce/label/c.Cards_Search_Incomplete';
import SUMMARIES_INCOMPLETE from '@salesforce/label/c.Cards_Search_Summaries_Incomplete';
import NO_PERMISSION_TITLE from '@salesforce/label/c.Cards_No_Permission_Title';
import NO_PERMISSION_BODY from '@salesforce/label/c.Cards_No_Permission_Body';

/** Largest page the controller returns (CallCardsController.MAX_PAGE_SIZE). */
export const MAX_PAGE_SIZE = 50;
/** Calls shown on a record page when the design attribute is empty (CallCardsController.DEFAULT_PAGE_SIZE). */
export const DEFAULT_PAGE_SIZE = 5;
/** Page size of the full-page list ("View all"). */
export const FULL_PAGE_SIZE = 20;
/** Shortest search the server accepts (CallCardsController: null or at least 2 characters). */
export const MIN_SEARCH_LENGTH = 2;
/** Pause after the last keystroke before the search goes to the server. */
export const SEARCH_DELAY_MS = 300;
/**
 * The full-page list is this component opened by name (lightning__UrlAddressable). Inside the managed package its
 * name carries the namespace (`modjo__callList`); the page reference is "standard__component".
 */
export const FULL_PAGE_COMPONENT = 'modjo__callList';

interface WiredPage {
  data?: CallPageDto;
  error?: unknown;
}

interface Option {
  label: string;
  value: string;
}

function clampPageSize(value: unknown, fallback: number): number {
  const size = Math.floor(Number(value));
  if (!Number.isFinite(size) || size < 1) {
    return fallback;
  }
  return Math.min(size, MAX_PAGE_SIZE);
}

export default class CallList extends NavigationMixin(LightningElement) {
  /** Card title (design attribute); the "Modjo Calls" label when empty. */
  @api listTitle?: string;
  /** Show the key moments of each opened card (design attribute, on by default in App Builder). */
  @api showHighlights = false;

  labels = {
    searchLabel: SEARCH_LABEL,
    searchPlaceholder: SEARCH_PLACEHOLDER,
    searchHint: SEARCH_HINT,
    topicLabel: TOPIC_LABEL,
    loading: LOADING,
    empty: EMPTY,
    emptyFiltered: EMPTY_FILTERED,
    errorTitle: ERROR_TITLE,
    viewMore: VIEW_MORE,
    viewAll: VIEW_ALL,
    refresh: REFRESH,
    retry: RETRY,
    noPermissionTitle: NO_PERMISSION_TITLE,
    noPermissionBody: NO_PERMISSION_BODY
  };

  /** Wire parameters; the record id stays undefined (no query) without the custom permission. */
  queryRecordId?: string;
  queryPageSize = DEFAULT_PAGE_SIZE;
  querySearch: string | null = null;
  queryTopic: string | null = null;

  calls: CallCardDto[] = [];
  topicOptions: Option[] = [{ label: TOPIC_ALL, value: '' }];
  nextCursor?: string;
  hasMore = false;
  total = 0;
  /** Why the answers for these filters may miss calls (CallPageDto.incomplete), or '' (modjoFormat searchWarning). */
  incompleteText = '';
  /** Calls of the record without filters (the header's count), from the last unfiltered answer. */
  recordTotal?: number;
  loaded = false;
  loadingMore = false;
  refreshing = false;
  errorText = '';
  moreErrorText = '';
  searchTerm = '';
  topic = '';
  /** Set when opened as the full page ("View all"): View more pages through every call. */
  fullPage = false;
  viewAllUrl = '';

  private pageSizeValue = DEFAULT_PAGE_SIZE;
  private displayValue = 'compact';
  private recordIdValue?: string;
  private wiredPage?: WiredPage;
  /** Bumped by every new first page (refresh, search, filter): a View more of an older list is dropped. */
  private generation = 0;
  private knownTopics = new Set<string>();
  private searchTimer?: ReturnType<typeof setTimeout>;
  private refreshHandlerId?: unknown;
  private focusCallId?: string;

  /** Id of the record whose page shows the list (set by the record page). */
  @api
  get recordId(): string | undefined {
    return this.recordIdValue;
  }
  set recordId(value: string | undefined) {
    this.useRecord(value);
  }

  private useRecord(value: string | undefined): void {
    if (value !== this.recordIdValue) {
      this.knownTopics = new Set();
      this.recordTotal = undefined;
    }
    this.recordIdValue = value;
    this.queryRecordId = this.hasPermission ? value : undefined;
    this.updateViewAllUrl();
  }

  /** How many calls a record page shows (design attribute, 1–50); the full page loads FULL_PAGE_SIZE at a time. */
  @api
  get pageSize(): number {
    return this.pageSizeValue;
  }
  set pageSize(value: number) {
    this.pageSizeValue = clampPageSize(value, DEFAULT_PAGE_SIZE);
    this.queryPageSize = this.fullPage ? FULL_PAGE_SIZE : this.pageSizeValue;
  }

  /** `compact` (default): one row per call, opened in place; `expanded`: every card open (design attribute). */
  @api
  get display(): string {
    return this.displayValue;
  }
  set display(value: string) {
    this.displayValue = value === 'expanded' ? 'expanded' : 'compact';
  }

  /** The full page reads its record from the URL (`c__recordId`), as "View all" set it. */
  @wire(CurrentPageReference)
  wiredPageReference(reference?: PageReference): void {
    const state = reference?.state ?? {};
    const recordId = typeof state.c__recordId === 'string' ? state.c__recordId : undefined;
    if (reference?.type === 'standard__component' && recordId) {
      this.fullPage = true;
      this.queryPageSize = FULL_PAGE_SIZE;
      this.useRecord(recordId);
    }
  }

  /** The platform gives `true` with the custom permission, `undefined` without it. */
  get hasPermission(): boolean {
    return Boolean(hasViewCalls);
  }

  connectedCallback(): void {
    this.refreshHandlerId = registerRefreshHandler(this, this.refreshHandler.bind(this));
  }

  disconnectedCallback(): void {
    unregisterRefreshHandler(this.refreshHandlerId);
    clearTimeout(this.searchTimer);
  }

  @wire(getCalls, {
    recordId: '$queryRecordId',
    pageSize: '$queryPageSize',
    cursor: null,
    searchText: '$querySearch',
    topic: '$queryTopic'
  })
  wiredCalls(value: WiredPage): void {
    this.wiredPage = value;
    const { data, error } = value;
    if (data) {
      this.generation += 1;
      this.calls = [];
      this.appendPage(data);
      this.errorText = '';
      this.moreErrorText = '';
      this.loaded = true;
    } else if (error) {
      this.generation += 1;
      this.calls = [];
      this.hasMore = false;
      this.incompleteText = '';
      this.errorText = errorMessage(error, ERROR_TITLE);
      this.loaded = true;
    }
  }

  renderedCallback(): void {
    if (this.focusCallId) {
      const card = this.template?.querySelector<HTMLElement & { focusRow(): void }>(
        `c-call-card[data-call-id="${this.focusCallId}"]`
      );
      this.focusCallId = undefined;
      card?.focusRow();
    }
  }

  get cardTitle(): string {
    const title = this.listTitle || DEFAULT_TITLE;
    const total = this.recordTotal ?? (this.isFiltered ? undefined : this.total);
    return this.loaded && total !== undefined ? formatLabel(TITLE_TOTAL, title, total) : title;
  }

  get isFiltered(): boolean {
    return !!this.querySearch || !!this.queryTopic;
  }

  get isLoading(): boolean {
    return this.hasPermission && !this.loaded;
  }

  get hasError(): boolean {
    return this.errorText.length > 0;
  }

  get hasMoreError(): boolean {
    return this.moreErrorText.length > 0;
  }

  get hasCalls(): boolean {
    return this.calls.length > 0;
  }

  /** The toolbar stays while a filter is on, even when it finds nothing (the rep must be able to clear it). */
  get showToolbar(): boolean {
    return this.hasCalls || this.isFiltered || this.searchTerm.length > 0;
  }

  get isEmpty(): boolean {
    return this.loaded && !this.hasError && !this.hasCalls && !this.isFiltered;
  }

  get isFilteredEmpty(): boolean {
    return this.loaded && !this.hasError && !this.hasCalls && this.isFiltered;
  }

  get hasTopics(): boolean {
    return this.topicOptions.length > 1;
  }

  get isExpanded(): boolean {
    return this.displayValue === 'expanded';
  }

  get cardDisplay(): string {
    return this.displayValue;
  }

  get showViewMore(): boolean {
    return this.fullPage && this.hasMore;
  }

  get showViewAll(): boolean {
    return !this.fullPage && this.hasMore;
  }

  get showFooter(): boolean {
    return this.hasCalls;
  }

  /** "1 call shown", "5 calls shown", "5 of 37 calls shown": what the list shows against what matches. */
  get shownCount(): string {
    const shown = this.calls.length;
    if (this.total > shown) {
      // The total governs the noun ("1 of 37 calls shown", "1 sur 37 appels affichés") and is at least 2 here (shown
      // is at least 1 when the footer shows), plural in English and French: one label is enough.
      return formatLabel(SHOWN_OF, shown, this.total);
    }
    return pluralLabel({ one: SHOWN_ONE, other: SHOWN_OTHER }, shown, LANG);
  }

  get searchHintVisible(): boolean {
    const length = this.searchTerm.trim().length;
    return length > 0 && length < MIN_SEARCH_LENGTH;
  }

  handleSearch(event: CustomEvent<{ value: string }>): void {
    this.searchTerm = event.detail?.value ?? (event.target as HTMLInputElement | null)?.value ?? '';
    clearTimeout(this.searchTimer);
    const term = this.searchTerm.trim();
    const next = term.length >= MIN_SEARCH_LENGTH ? term : null;
    if (next === this.querySearch) {
      return;
    }
    // A pause after the last keystroke, so that typing "lefevre" asks the server once, not seven times.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.searchTimer = setTimeout(() => {
      this.querySearch = next;
    }, SEARCH_DELAY_MS);
  }

  handleTopic(event: CustomEvent<{ value: string }>): void {
    this.setTopic(event.detail?.value ?? '');
  }

  /** A topic chip of a card: the same server-side filter as the combobox. */
  handleTopicSelect(event: CustomEvent<{ topic: string }>): void {
    this.setTopic(event.detail?.topic ?? '');
    this.template?.querySelector<HTMLElement>('[data-id="topic"]')?.focus();
  }

  /** A card whose match was fixed: its new version replaces the old one in place. */
  handleCallUpdated(event: CustomEvent<{ call: CallCardDto }>): void {
    const updated = event.detail?.call;
    if (updated) {
      this.calls = this.calls.map((call) => (call.id === updated.id ? updated : call));
    }
  }

  handleRefresh(): Promise<void> {
    return this.refresh();
  }

  handleRetry(): Promise<void> {
    return this.refresh();
  }

  handleViewAll(event: Event): void {
    if (isModifiedClick(event) || !this.recordIdValue) {
      return;
    }
    event.preventDefault();
    this[NavigationMixin.Navigate](this.fullPageReference(this.recordIdValue));
  }

  async handleViewMore(): Promise<void> {
    if (!this.hasMore || !this.nextCursor || this.loadingMore || !this.queryRecordId) {
      return;
    }
    const generation = this.generation;
    this.loadingMore = true;
    this.moreErrorText = '';
    try {
      const page = await getCalls({
        recordId: this.queryRecordId,
        pageSize: this.queryPageSize,
        cursor: this.nextCursor,
        searchText: this.querySearch,
        topic: this.queryTopic
      });
      if (generation !== this.generation) {
        return; // the list was refreshed or filtered meanwhile: this page belongs to the old one
      }
      this.focusCallId = (page.calls ?? []).find((call) => !this.calls.some((known) => known.id === call.id))?.id;
      this.appendPage(page);
    } catch (error) {
      if (generation === this.generation) {
        this.moreErrorText = errorMessage(error, MORE_ERROR);
      }
    } finally {
      this.loadingMore = false;
    }
  }

  /** `lightning/refresh`: a RefreshEvent (e.g. after a quick action) refreshes the list; true when it did. */
  private async refreshHandler(): Promise<boolean> {
    await this.refresh();
    return !this.hasError;
  }

  private async refresh(): Promise<void> {
    if (!this.wiredPage || this.refreshing) {
      return;
    }
    this.generation += 1;
    this.refreshing = true;
    this.moreErrorText = '';
    try {
      await refreshApex(this.wiredPage);
    } finally {
      this.refreshing = false;
    }
  }

  private setTopic(topic: string): void {
    this.topic = topic;
    this.queryTopic = topic || null;
    this.updateTopics([]);
  }

  private fullPageReference(recordId: string): PageReference {
    return {
      type: 'standard__component',
      attributes: { componentName: FULL_PAGE_COMPONENT },
      state: { c__recordId: recordId }
    };
  }

  private updateViewAllUrl(): void {
    const recordId = this.recordIdValue;
    if (!recordId || typeof this[NavigationMixin.GenerateUrl] !== 'function') {
      return;
    }
    this[NavigationMixin.GenerateUrl](this.fullPageReference(recordId))
      .then((url) => {
        this.viewAllUrl = url;
      })
      .catch(() => {
        this.viewAllUrl = '';
      });
  }

  private appendPage(page: CallPageDto): void {
    // Never a list presented as complete when it may not be; a later page of the same filters keeps the warning.
    this.incompleteText =
      searchWarning(page, { rowLimit: SEARCH_INCOMPLETE, summaries: SUMMARIES_INCOMPLETE }, LANG) ||
      (this.calls.length > 0 ? this.incompleteText : '');
    const known = new Set(this.calls.map((call) => call.id));
    const fresh = (page.calls ?? []).filter((call) => !known.has(call.id));
    this.calls = [...this.calls, ...fresh];
    this.hasMore = page.hasMore === true && !!page.nextCursor;
    this.nextCursor = page.nextCursor ?? undefined;
    this.total = Math.max(page.total ?? 0, this.calls.length);
    if (!this.isFiltered) {
      this.recordTotal = this.total;
    }
    this.updateTopics(fresh);
  }

  /** "All topics" then every topic seen in this record's calls so far, alphabetically (kept while filtering). */
  private updateTopics(calls: CallCardDto[]): void {
    for (const call of calls) {
      for (const topic of call.topics ?? []) {
        if (topic.name) {
          this.knownTopics.add(topic.name);
        }
      }
    }
    if (this.topic) {
      this.knownTopics.add(this.topic);
    }
    const sorted = [...this.knownTopics].sort((a, b) => a.localeCompare(b));
    this.topicOptions = [{ label: TOPIC_ALL, value: '' }, ...sorted.map((name) => ({ label: name, value: name }))];
  }
}

import { createElement } from 'lwc';
import CallList from 'c/callList';
import getCalls from '@salesforce/apex/CallCardsController.getCalls';
import {
  CurrentPageReference,
  getNavigateCalls,
  resetNavigateCalls
} from '../../../../../test/jest-mocks/lightning/navigation';
import type { CallPageDto } from 'c/modjoFormat';
import { CallsServer, type GetCallsParams } from '../../../../../../workbench/mocks/callsServer';

jest.mock(
  '@salesforce/apex/CallCardsController.getCalls',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('@salesforce/customPermission/Modjo_View_Calls', () => ({ default: true }), { virtual: true });
jest.mock(
  '@salesforce/label/c.Cards_Search_Incomplete',
  () => ({ default: 'More than {0} results: refine your search.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Cards_Search_Summaries_Incomplete',
  () => ({ default: 'Only the {0} newest summaries were read: pick a topic.' }),
  { virtual: true }
);

interface ApexWireMock extends jest.Mock {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown>;
}
const getCallsMock = getCalls as unknown as ApexWireMock;

const FIXTURES = '../../../../../../fixtures/cards/';
const emptyPage = jest.requireActual<CallPageDto>(`${FIXTURES}empty-page.json`);
const accountCalls = jest.requireActual<CallPageDto>(`${FIXTURES}account-calls.json`);
const ACCOUNT_ID = '001Qy0000000001AAA';
/** The agreed controller over sample data (filters, totals, paging), shared with the workbench. */
let server: CallsServer;
beforeEach(() => {
  server = new CallsServer(accountCalls.calls);
});
/** The wire asks with its current config; the mock server answers it like the controller. */
async function emitFromServer(): Promise<void> {
  await Promise.resolve();
  getCallsMock.emit(server.getCalls(getCallsMock.getLastConfig() as GetCallsParams));
}

// sa11y walks every rendered card: on a busy 2-core CI machine that takes seconds. The accessibility of a full
// list is checked on the first page, after View more and in every state; the other list tests skip it.
jest.setTimeout(30000);

type CallListElement = HTMLElement & {
  recordId?: string;
  listTitle?: string;
  pageSize?: number;
  showHighlights?: boolean;
  display?: string;
};

function mount(props: Partial<CallListElement> = {}): CallListElement {
  const element = createElement('c-call-list', { is: CallList }) as CallListElement;
  Object.assign(element, { recordId: ACCOUNT_ID, showHighlights: true, ...props });
  document.body.appendChild(element);
  return element;
}

/** Lets wire emissions, resolved Apex promises and re-renders settle (microtasks only). */
function flush(): Promise<void> {
  let chain = Promise.resolve();
  for (let i = 0; i < 5; i++) {
    chain = chain.then(() => undefined);
  }
  return chain;
}
function clearBody(): void {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
}
const $ = (element: Element, id: string): HTMLElement | null =>
  element.shadowRoot!.querySelector(`[data-id="${id}"]`) as HTMLElement | null;
const cards = (element: Element): HTMLElement[] => Array.from(element.shadowRoot!.querySelectorAll('c-call-card'));
const cardTitle = (card: HTMLElement): string => card.shadowRoot!.querySelector('[data-id="title"]')!.textContent!;

afterEach(() => {
  clearBody();
  jest.clearAllMocks();
  resetNavigateCalls();
});

describe('c-call-list', () => {
  it('shows a spinner until the first page arrives', async () => {
    const element = mount();
    await flush();
    expect($(element, 'loading')).not.toBeNull();
    expect(cards(element)).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it('shows the latest calls as compact rows, the total in the header and View all', async () => {
    const element = mount({ pageSize: 5 });
    await flush();
    expect(getCallsMock.getLastConfig()).toEqual({
      recordId: ACCOUNT_ID,
      pageSize: 5,
      cursor: null,
      searchText: null,
      topic: null
    });
    await emitFromServer();
    await flush();
    const rendered = cards(element);
    expect(rendered).toHaveLength(5);
    expect(cardTitle(rendered[0])).toBe(accountCalls.calls[0].title);
    expect((rendered[0] as HTMLElement & { display: string }).display).toBe('compact');
    const card = element.shadowRoot!.querySelector('lightning-card') as HTMLElement & { title: string };
    expect(card.title).toBe(
      'c.Cards_List_Title_Total'.replace('{0}', 'c.Cards_List_Title_Default').replace('{1}', '14')
    );
    expect($(element, 'count')!.textContent).toBe('c.Cards_Shown_Of'.replace('{0}', '5').replace('{1}', '14'));
    expect($(element, 'view-more')).toBeNull();
    $(element, 'view-all')!.click();
    expect(getNavigateCalls()[0].pageReference).toEqual({
      type: 'standard__component',
      attributes: { componentName: 'modjo__callList' },
      state: { c__recordId: ACCOUNT_ID }
    });
    await expect(element).toBeAccessible();
  });

  it('caps the page size at 50', async () => {
    mount({ pageSize: 500 });
    await flush();
    expect(getCallsMock.getLastConfig().pageSize).toBe(50);
  });

  it('uses the title design attribute', async () => {
    const element = mount({ listTitle: 'Appels de Zoé' });
    await emitFromServer();
    await flush();
    expect((element.shadowRoot!.querySelector('lightning-card') as HTMLElement & { title: string }).title).toBe(
      'c.Cards_List_Title_Total'.replace('{0}', 'Appels de Zoé').replace('{1}', '14')
    );
  });

  it('says so when the record has no call', async () => {
    const element = mount();
    getCallsMock.emit(emptyPage);
    await flush();
    expect($(element, 'empty')!.textContent).toBe('c.Cards_Empty');
    expect($(element, 'toolbar')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says a search over the Salesforce row limit may miss calls, and clears it on a complete answer', async () => {
    const element = mount({ pageSize: 3 });
    const first = server.getCalls({ recordId: ACCOUNT_ID, pageSize: 3, cursor: null, searchText: 'ac', topic: null });
    getCallsMock.emit({ ...first, incomplete: true, searchLimit: 2000 });
    await flush();
    const warning = $(element, 'incomplete')!;
    expect(warning.getAttribute('role')).toBe('status');
    expect(warning.textContent!.trim()).toBe('More than 2,000 results: refine your search.');
    expect(cards(element).length).toBeGreaterThan(0);
    getCallsMock.emit({ ...first, incomplete: false, searchLimit: 2000 });
    await flush();
    expect($(element, 'incomplete')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says when only the newest summaries were read and how many, before the row-limit reason, and clears it', async () => {
    const element = mount({ pageSize: 3 });
    const first = server.getCalls({ recordId: ACCOUNT_ID, pageSize: 3, cursor: null, searchText: 'ac', topic: null });
    getCallsMock.emit({
      ...first,
      incomplete: true,
      searchLimit: 2000,
      summariesIncomplete: true,
      summariesRead: 2000
    });
    await flush();
    const warning = $(element, 'incomplete')!;
    expect(warning.getAttribute('role')).toBe('status');
    expect(warning.textContent!.trim()).toBe('Only the 2,000 newest summaries were read: pick a topic.');
    await expect(element).toBeAccessible();
    getCallsMock.emit({ ...first, incomplete: true, searchLimit: 2000, summariesIncomplete: false });
    await flush();
    expect($(element, 'incomplete')!.textContent!.trim()).toBe('More than 2,000 results: refine your search.');
    getCallsMock.emit({ ...first, incomplete: false, summariesIncomplete: false, summariesRead: 14 });
    await flush();
    expect($(element, 'incomplete')).toBeNull();
  });

  it('on the full page, a failed View more says so beside the button, clears on the next try and focuses the first new call', async () => {
    // Issue 12 item 7: the error showed 6,500 px above the button and never cleared; focus fell to the page body.
    const element = mount({ recordId: undefined });
    (CurrentPageReference as unknown as { emit(value: unknown): void }).emit({
      type: 'standard__component',
      attributes: { componentName: 'modjo__callList' },
      state: { c__recordId: ACCOUNT_ID }
    });
    await flush();
    const config = getCallsMock.getLastConfig() as GetCallsParams;
    const first = server.getCalls({ ...config, pageSize: 5 });
    getCallsMock.emit(first);
    await flush();
    expect(first.hasMore).toBe(true);
    getCallsMock.mockRejectedValueOnce({ body: { message: 'Server busy' } });
    $(element, 'view-more')!.click();
    await flush();
    const error = $(element, 'more-error')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent!.trim()).toBe('Server busy');
    expect(error.parentElement).toBe($(element, 'view-more')!.parentElement);
    const second = server.getCalls({ ...config, pageSize: 5, cursor: first.nextCursor ?? null });
    getCallsMock.mockResolvedValueOnce(second);
    $(element, 'view-more')!.click();
    await flush();
    expect($(element, 'more-error')).toBeNull();
    expect(cards(element)).toHaveLength(first.calls.length + second.calls.length);
    const newCard = element.shadowRoot!.querySelector(`c-call-card[data-call-id="${second.calls[0].id}"]`)!;
    expect(newCard.shadowRoot!.activeElement?.getAttribute('data-id')).toBe('toggle-row');
  });

  it('shows the controller error message with Retry, which refreshes the wire', async () => {
    const element = mount();
    getCallsMock.error({ message: 'Ask your Salesforce admin to assign you the Modjo User permission set.' });
    await flush();
    const error = $(element, 'error')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Modjo User permission set');
    expect($(element, 'retry')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('searches every call of the record on the server after a pause, 2 characters or more', async () => {
    jest.useFakeTimers();
    try {
      const element = mount();
      await emitFromServer();
      await flush();
      const search = $(element, 'search')!;
      search.dispatchEvent(new CustomEvent('change', { detail: { value: 'l' } }));
      jest.advanceTimersByTime(500);
      await flush();
      expect(getCallsMock.getLastConfig().searchText).toBeNull();
      expect($(element, 'search-hint')).not.toBeNull();

      search.dispatchEvent(new CustomEvent('change', { detail: { value: 'lefevre' } }));
      jest.advanceTimersByTime(500);
      await flush();
      expect(getCallsMock.getLastConfig().searchText).toBe('lefevre');
      await emitFromServer();
      await flush();
      // The mock server itself filtered every call of the record (not only a loaded page).
      const expected = server.getCalls({ recordId: ACCOUNT_ID, pageSize: 10, searchText: 'lefevre' });
      expect(expected.total).toBeGreaterThan(0);
      expect(expected.total).toBeLessThan(accountCalls.calls.length);

      search.dispatchEvent(new CustomEvent('change', { detail: { value: 'no such words anywhere' } }));
      jest.advanceTimersByTime(500);
      await flush();
      await emitFromServer();
      await flush();
      expect(cards(element)).toHaveLength(0);
      expect($(element, 'filtered-empty')!.textContent).toBe('c.Cards_Empty_Filtered');
      expect($(element, 'toolbar')).not.toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('past the summaries a search reads, says calls may be missing; a topic within the limit reads them all', async () => {
    // The stand-in controller reads the summaries of the newest 10 calls only (the controller: 2,000); the words
    // "earlier conversation" are in the summaries of 4 older calls only.
    server = new CallsServer(accountCalls.calls, {}, { summaryScanLimit: 10 });
    const element = mount();
    await emitFromServer();
    await flush();
    expect($(element, 'incomplete')).toBeNull();
    jest.useFakeTimers();
    try {
      $(element, 'search')!.dispatchEvent(new CustomEvent('change', { detail: { value: 'earlier conversation' } }));
      jest.advanceTimersByTime(500);
    } finally {
      jest.useRealTimers();
    }
    await flush();
    await emitFromServer();
    await flush();
    expect(cards(element)).toHaveLength(0);
    expect($(element, 'incomplete')!.textContent!.trim()).toBe('Only the 10 newest summaries were read: pick a topic.');
    await expect(element).toBeAccessible();

    ($(element, 'topic') as HTMLElement).dispatchEvent(new CustomEvent('change', { detail: { value: 'Pricing' } }));
    await flush();
    await emitFromServer();
    await flush();
    // 5 calls carry Pricing: all their summaries are read; 2 of them are older calls with the words.
    expect(cards(element).map(cardTitle)).toEqual(['Kick-off call', 'Intro call with Zoé']);
    expect($(element, 'incomplete')).toBeNull();
  });

  it('filters by topic on the server, from the combobox or a topic chip of a card', async () => {
    const element = mount();
    await emitFromServer();
    await flush();
    const combobox = $(element, 'topic') as HTMLElement & { options: { label: string; value: string }[] };
    expect(combobox.options[0]).toEqual({ label: 'c.Cards_Topic_All', value: '' });
    combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Security' } }));
    await flush();
    expect(getCallsMock.getLastConfig().topic).toBe('Security');

    combobox.dispatchEvent(new CustomEvent('change', { detail: { value: '' } }));
    await flush();
    cards(element)[0].dispatchEvent(new CustomEvent('topicselect', { detail: { topic: 'Pricing' } }));
    await flush();
    expect(getCallsMock.getLastConfig().topic).toBe('Pricing');
  });

  it('replaces a card whose match was fixed', async () => {
    const element = mount();
    await emitFromServer();
    await flush();
    const updated = { ...accountCalls.calls[0], title: 'Fixed' };
    cards(element)[0].dispatchEvent(new CustomEvent('callupdated', { detail: { call: updated } }));
    await flush();
    expect(cardTitle(cards(element)[0])).toBe('Fixed');
  });

  it('passes the display design attribute to every card', async () => {
    const element = mount({ display: 'expanded' });
    await emitFromServer();
    await flush();
    expect((cards(element)[0] as HTMLElement & { display: string }).display).toBe('expanded');
  });
});

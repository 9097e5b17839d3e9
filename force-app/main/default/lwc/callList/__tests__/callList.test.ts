import { createElement } from 'lwc';
import CallList from 'c/callList';
import getCalls from '@salesforce/apex/CallCardsController.getCalls';
import type { CallPageDto } from 'c/modjoFormat';

jest.mock(
  '@salesforce/apex/CallCardsController.getCalls',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('@salesforce/customPermission/Modjo_View_Calls', () => ({ default: true }), { virtual: true });

interface ApexWireMock extends jest.Mock {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown>;
}
const getCallsMock = getCalls as unknown as ApexWireMock;

const FIXTURES = '../../../../../../fixtures/cards/';
const page1 = jest.requireActual<CallPageDto>(`${FIXTURES}account-page-1.json`);
const page2 = jest.requireActual<CallPageDto>(`${FIXTURES}account-page-2.json`);
const emptyPage = jest.requireActual<CallPageDto>(`${FIXTURES}empty-page.json`);
const ACCOUNT_ID = '001Qy0000000001AAA';

// sa11y walks every rendered card: on a busy 2-core CI machine that takes seconds. The accessibility of a full
// list is checked on the first page, after View more and in every state; the other list tests skip it.
jest.setTimeout(30000);

type CallListElement = HTMLElement & {
  recordId?: string;
  listTitle?: string;
  pageSize?: number;
  showHighlights?: boolean;
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
});

describe('c-call-list', () => {
  it('shows a spinner until the first page arrives', async () => {
    const element = mount();
    await flush();
    expect($(element, 'loading')).not.toBeNull();
    expect(cards(element)).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it('renders the first page from the wire, newest first, with View more', async () => {
    const element = mount();
    getCallsMock.emit(page1);
    await flush();

    expect($(element, 'loading')).toBeNull();
    const rendered = cards(element);
    expect(rendered).toHaveLength(10);
    expect(cardTitle(rendered[0])).toBe(page1.calls[0].title);
    expect(cardTitle(rendered[9])).toBe(page1.calls[9].title);
    expect($(element, 'view-more')).not.toBeNull();
    expect($(element, 'count')!.textContent).toBe('c.Cards_Shown_Count'.replace('{0}', '10'));
    expect((element.shadowRoot!.querySelector('lightning-card') as HTMLElement & { title: string }).title).toBe(
      'c.Cards_List_Title_Default'
    );
    await expect(element).toBeAccessible();
  });

  it('asks the controller for the record and a page size capped at 50', async () => {
    mount({ pageSize: 500 });
    await flush();
    expect(getCallsMock.getLastConfig()).toEqual({ recordId: ACCOUNT_ID, pageSize: 50, cursor: null });

    clearBody();
    mount({ pageSize: 0 });
    await flush();
    expect(getCallsMock.getLastConfig()).toEqual({ recordId: ACCOUNT_ID, pageSize: 10, cursor: null });
    await expect(document.body).toBeAccessible();
  });

  it('uses the title design attribute', async () => {
    const element = mount({ listTitle: 'Appels de Zoé' });
    getCallsMock.emit(page1);
    await flush();
    expect((element.shadowRoot!.querySelector('lightning-card') as HTMLElement & { title: string }).title).toBe(
      'Appels de Zoé'
    );
  });

  it('says so when the record has no call', async () => {
    const element = mount();
    getCallsMock.emit(emptyPage);
    await flush();
    expect($(element, 'empty')!.textContent).toBe('c.Cards_Empty');
    expect($(element, 'toolbar')).toBeNull();
    expect($(element, 'view-more')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the controller error message', async () => {
    const element = mount();
    getCallsMock.error({ message: 'Ask your Salesforce admin to assign you the Modjo User permission set.' });
    await flush();
    const error = $(element, 'error')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('c.Cards_Error_Title');
    expect(error.textContent).toContain('Modjo User permission set');
    expect(cards(element)).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it('loads the next page with the cursor on View more and appends it', async () => {
    getCallsMock.mockResolvedValue(page2);
    const element = mount();
    getCallsMock.emit(page1);
    await flush();

    $(element, 'view-more')!.click();
    await flush();

    expect(getCallsMock).toHaveBeenCalledWith({ recordId: ACCOUNT_ID, pageSize: 10, cursor: page1.nextCursor });
    const rendered = cards(element);
    expect(rendered).toHaveLength(14);
    expect(cardTitle(rendered[10])).toBe(page2.calls[0].title);
    expect($(element, 'view-more')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('keeps the loaded calls and shows the error when View more fails', async () => {
    getCallsMock.mockRejectedValue({ body: { message: 'The list is out of date.' } });
    const element = mount();
    getCallsMock.emit(page1);
    await flush();

    $(element, 'view-more')!.click();
    await flush();

    expect(cards(element)).toHaveLength(10);
    expect($(element, 'error')!.textContent).toContain('The list is out of date.');
  });

  it('searches the loaded calls, ignoring accents, and says when nothing matches', async () => {
    const element = mount();
    getCallsMock.emit(page1);
    await flush();

    const search = $(element, 'search')!;
    search.dispatchEvent(new CustomEvent('change', { detail: { value: 'lefevre' } }));
    await flush();
    const titles = cards(element).map(cardTitle);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.length).toBeLessThan(10);
    for (const title of titles) {
      const call = page1.calls.find((candidate) => candidate.title === title)!;
      expect(JSON.stringify(call)).toContain('Lefèvre');
    }

    search.dispatchEvent(new CustomEvent('change', { detail: { value: '李伟' } }));
    await flush();
    expect(cards(element).map(cardTitle)).toContain('Lumière Retail – pilot review and 2027 rollout');

    search.dispatchEvent(new CustomEvent('change', { detail: { value: 'no such words anywhere' } }));
    await flush();
    expect(cards(element)).toHaveLength(0);
    expect($(element, 'filtered-empty')!.textContent).toBe('c.Cards_Empty_Filtered');
    await expect(element).toBeAccessible();
  });

  it('filters by topic with options built from the loaded calls', async () => {
    const element = mount();
    getCallsMock.emit(page1);
    await flush();

    const combobox = $(element, 'topic') as HTMLElement & { options: { label: string; value: string }[] };
    expect(combobox.options[0]).toEqual({ label: 'c.Cards_Topic_All', value: '' });
    expect(combobox.options.map((option) => option.value)).toContain('Security');

    combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Security' } }));
    await flush();
    const expected = page1.calls.filter((call) => call.topics!.some((topic) => topic.name === 'Security'));
    expect(cards(element).map(cardTitle)).toEqual(expected.map((call) => call.title));

    combobox.dispatchEvent(new CustomEvent('change', { detail: { value: '' } }));
    await flush();
    expect(cards(element)).toHaveLength(10);
  });

  it('passes the show highlights design attribute to every card', async () => {
    const element = mount({ showHighlights: false });
    getCallsMock.emit(page1);
    await flush();
    const first = cards(element)[0];
    expect(first.shadowRoot!.querySelector('[data-id="highlights"]')).toBeNull();
  });
});

import { createElement } from 'lwc';
import CallDetail from 'c/callDetail';
import getCallDetail from '@salesforce/apex/CallCardsController.getCallDetail';
import type { CallDetailDto } from 'c/modjoFormat';
import { getNavigateCalls, resetNavigateCalls } from '../../../../../test/jest-mocks/lightning/navigation';

jest.mock(
  '@salesforce/apex/CallCardsController.getCallDetail',
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
const getCallDetailMock = getCallDetail as unknown as ApexWireMock;

const FIXTURES = '../../../../../../fixtures/cards/';
const callDetail = jest.requireActual<CallDetailDto>(`${FIXTURES}call-detail.json`);
const meetingDetail = jest.requireActual<CallDetailDto>(`${FIXTURES}meeting-detail.json`);
const unmatchedDetail = jest.requireActual<CallDetailDto>(`${FIXTURES}unmatched-detail.json`);

// sa11y walks 40 highlights and the tables: allow for a busy CI machine.
jest.setTimeout(30000);

function mount(recordId: string): HTMLElement {
  const element = createElement('c-call-detail', { is: CallDetail }) as HTMLElement & { recordId?: string };
  element.recordId = recordId;
  document.body.appendChild(element);
  return element;
}

function flush(): Promise<void> {
  let chain = Promise.resolve();
  for (let i = 0; i < 3; i++) {
    chain = chain.then(() => undefined);
  }
  return chain;
}

const $ = (element: Element, id: string): HTMLElement | null =>
  element.shadowRoot!.querySelector(`[data-id="${id}"]`) as HTMLElement | null;

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  resetNavigateCalls();
  jest.clearAllMocks();
});

describe('c-call-detail', () => {
  it('loads the call of the record page', async () => {
    const element = mount(callDetail.call.id);
    await flush();
    expect(getCallDetailMock.getLastConfig()).toEqual({ callId: callDetail.call.id });
    expect($(element, 'loading')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the whole call: every highlight, linked records, participants and matches, comments, notes', async () => {
    const element = mount(callDetail.call.id);
    getCallDetailMock.emit(callDetail);
    await flush();

    const card = element.shadowRoot!.querySelector('c-call-card') as HTMLElement & { variant: string };
    expect(card.variant).toBe('detail');
    // Next steps and key moments together: every highlight of the call, in the card's opened part.
    const body = card.shadowRoot!.querySelector('c-call-card-body')!;
    expect(body.shadowRoot!.querySelectorAll('li.highlight')).toHaveLength(40);
    expect(body.shadowRoot!.querySelector('[data-id="participants"]')).toBeNull();

    const links = Array.from($(element, 'links')!.querySelectorAll('a')).map((link) => link.textContent);
    expect(links).toEqual(['Lumière Retail', 'Lumière Retail - Expansion 2027', 'Zoé Lefèvre']);

    const rows = $(element, 'participants')!.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(6);
    expect(rows[2].textContent).toContain('Zoé Lefèvre');
    expect(rows[2].textContent).toContain('c.Cards_Status_Matched');
    expect(rows[2].textContent).toContain('Email zoe.lefevre@lumiere-retail.fr matched one contact');
    // E-mail addresses are kept whole on their line (issue 12: broken at the hyphen at 400 px).
    const whole = Array.from(rows[2].querySelectorAll('.nowrap, .contact__item')).map((e) => e.textContent);
    expect(whole).toEqual(expect.arrayContaining(['zoe.lefevre@lumiere-retail.fr']));
    expect(whole.filter((t) => t === 'zoe.lefevre@lumiere-retail.fr')).toHaveLength(2);
    expect(rows[0].textContent).toContain('c.Cards_Status_Internal');

    const comments = $(element, 'comments')!.querySelectorAll('li');
    expect(comments).toHaveLength(7);
    expect(comments[0].textContent).toContain('Camille Martin');
    const at = comments[0].querySelector('a')!;
    expect(at.getAttribute('href')).toBe(`${callDetail.call.modjoUrl}?t=905`);
    expect(at.textContent).toBe('c.Cards_At_Time'.replace('{0}', '15:05'));
    expect(comments[2].querySelector('a')).toBeNull();

    expect($(element, 'notes')!.textContent).toContain('Prepared by Camille before the call');
    expect($(element, 'deleted')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows a meeting with 12 participants and says when there are no comments or notes', async () => {
    const element = mount(meetingDetail.call.id);
    getCallDetailMock.emit(meetingDetail);
    await flush();
    expect($(element, 'participants')!.querySelectorAll('tbody tr')).toHaveLength(12);
    expect($(element, 'participants')!.textContent).toContain('c.Cards_Status_Ambiguous');
    expect($(element, 'comments')!.textContent).toContain('c.Cards_No_Comments');
    expect($(element, 'notes')!.textContent).toContain('c.Cards_No_Notes');
    await expect(element).toBeAccessible();
  });

  it('flags a call deleted in Modjo and shows unmatched participants without links', async () => {
    const element = mount(unmatchedDetail.call.id);
    getCallDetailMock.emit(unmatchedDetail);
    await flush();
    expect($(element, 'deleted')!.textContent!.trim()).toBe('c.Cards_Deleted_In_Modjo');
    expect($(element, 'links')).toBeNull();
    const participants = $(element, 'participants')!;
    expect(participants.querySelectorAll('a')).toHaveLength(0);
    expect(participants.textContent).toContain('c.Cards_Status_Unmatched');
    await expect(element).toBeAccessible();
  });

  it('navigates to linked records and matched participants', async () => {
    const element = mount(callDetail.call.id);
    getCallDetailMock.emit(callDetail);
    await flush();

    ($(element, 'links')!.querySelector('a') as HTMLElement).click();
    ($(element, 'participants')!.querySelectorAll('tbody tr')[3].querySelector('a') as HTMLElement).click();

    expect(getNavigateCalls().map((call) => call.pageReference)).toEqual([
      {
        type: 'standard__recordPage',
        attributes: { recordId: '001Qy0000000001AAA', objectApiName: 'Account', actionName: 'view' }
      },
      {
        type: 'standard__recordPage',
        attributes: { recordId: '003Qy0000000002AAA', objectApiName: 'Contact', actionName: 'view' }
      }
    ]);
    await expect(element).toBeAccessible();
  });

  it('shows the controller error', async () => {
    const element = mount('a03Qy0000000999AAA');
    getCallDetailMock.error({ message: 'This call doesn’t exist or you can’t see it.' });
    await flush();
    const error = $(element, 'error')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('This call doesn’t exist');
    expect(element.shadowRoot!.querySelector('c-call-card')).toBeNull();
    await expect(element).toBeAccessible();
  });
});

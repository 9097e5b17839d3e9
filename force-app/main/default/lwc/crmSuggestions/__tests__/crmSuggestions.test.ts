import { createElement } from 'lwc';
import CrmSuggestions from 'c/crmSuggestions';
import getSuggestions from '@salesforce/apex/CrmSuggestionsController.getSuggestions';
import acceptSuggestion from '@salesforce/apex/CrmSuggestionsController.accept';
import rejectSuggestion from '@salesforce/apex/CrmSuggestionsController.reject';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';

jest.mock(
  '@salesforce/apex/CrmSuggestionsController.getSuggestions',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('@salesforce/apex/CrmSuggestionsController.accept', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSuggestionsController.reject', () => ({ default: jest.fn() }), { virtual: true });

interface ApexWireMock extends jest.Mock {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
}
const getMock = getSuggestions as unknown as ApexWireMock;
const acceptMock = acceptSuggestion as unknown as jest.Mock;
const rejectMock = rejectSuggestion as unknown as jest.Mock;
const notifyMock = notifyRecordUpdateAvailable as unknown as jest.Mock;

const OPPORTUNITY_ID = '006Qy0000000001AAA';
const SUGGESTIONS = [
  {
    id: 'a05Qy0000000001AAA',
    fieldLabel: 'Next Step',
    fieldName: 'NextStep',
    currentValue: null,
    suggestedValue: 'Security review',
    quote: 'We need a security review first.',
    speaker: 'Camille Durand',
    momentSecond: 95,
    callUrl: 'https://app.modjo.ai/calls/c_1',
    callName: 'Discovery call',
    confidence: 0.9
  },
  {
    id: 'a05Qy0000000002AAA',
    fieldLabel: 'Close Date',
    fieldName: 'CloseDate',
    currentValue: '2026-12-31',
    suggestedValue: '2027-01-15',
    quote: null,
    speaker: null,
    momentSecond: null,
    callUrl: null,
    callName: 'Discovery call',
    confidence: null
  }
];

function mount(): HTMLElement {
  const element = createElement('c-crm-suggestions', { is: CrmSuggestions });
  Object.assign(element, { recordId: OPPORTUNITY_ID });
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

function all(element: HTMLElement, id: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(`[data-id="${id}"]`) ?? [])];
}

describe('c-crm-suggestions', () => {
  afterEach(() => {
    clearBody();
    jest.clearAllMocks();
  });

  it('shows each suggestion with its field, current and suggested value, quote and moment link', async () => {
    const element = mount();
    getMock.emit(SUGGESTIONS);
    await flush();

    expect(all(element, 'suggestion')).toHaveLength(2);
    expect(all(element, 'field').map((e) => e.textContent)).toEqual(['Next Step', 'Close Date']);
    expect(all(element, 'current').map((e) => e.textContent)).toEqual(['c.Crm_Suggestions_Blank', '2026-12-31']);
    expect(all(element, 'suggested').map((e) => e.textContent)).toEqual(['Security review', '2027-01-15']);
    expect(all(element, 'quote')[0].textContent).toContain('We need a security review first.');
    expect(all(element, 'moment').map((e) => e.getAttribute('href'))).toEqual(['https://app.modjo.ai/calls/c_1?t=95']);
    await expect(element).toBeAccessible();
  });

  it('links the moment only to the allowed hosts the controller returns', async () => {
    const element = mount();
    getMock.emit([
      { ...SUGGESTIONS[0], callUrl: 'http://app.modjo.ai/calls/c_1' },
      {
        ...SUGGESTIONS[0],
        id: 'a05Qy0000000003AAA',
        callUrl: 'https://eu.modjo.example/calls/c_1',
        allowedLinkHosts: ['*.modjo.example']
      },
      { ...SUGGESTIONS[0], id: 'a05Qy0000000004AAA', callUrl: 'https://eu.modjo.example/calls/c_1' }
    ]);
    await flush();
    expect(all(element, 'suggestion')).toHaveLength(3);
    expect(all(element, 'moment').map((e) => e.getAttribute('href'))).toEqual([
      'https://eu.modjo.example/calls/c_1?t=95'
    ]);
    await expect(element).toBeAccessible();
  });

  it('accepts: calls the controller as the rep, tells LDS the record changed and removes the suggestion', async () => {
    acceptMock.mockResolvedValue('Security review');
    const element = mount();
    getMock.emit(SUGGESTIONS);
    await flush();

    all(element, 'accept')[0].click();
    await flush();

    expect(acceptMock).toHaveBeenCalledWith({ answerId: SUGGESTIONS[0].id });
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: OPPORTUNITY_ID }]);
    expect(all(element, 'field').map((e) => e.textContent)).toEqual(['Close Date']);
    await expect(element).toBeAccessible();
  });

  it('rejects: calls the controller, writes nothing to LDS and removes the suggestion', async () => {
    rejectMock.mockResolvedValue(undefined);
    const element = mount();
    getMock.emit(SUGGESTIONS);
    await flush();

    all(element, 'reject')[1].click();
    await flush();

    expect(rejectMock).toHaveBeenCalledWith({ answerId: SUGGESTIONS[1].id });
    expect(notifyMock).not.toHaveBeenCalled();
    expect(all(element, 'field').map((e) => e.textContent)).toEqual(['Next Step']);
  });

  it('shows the server message when accepting fails and keeps the suggestion', async () => {
    acceptMock.mockRejectedValue({ body: { message: 'Next Step is not empty.' } });
    const element = mount();
    getMock.emit(SUGGESTIONS);
    await flush();

    all(element, 'accept')[0].click();
    await flush();

    expect(all(element, 'error')[0].textContent).toContain('Next Step is not empty.');
    expect(all(element, 'suggestion')).toHaveLength(2);
    expect(notifyMock).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('shows the permission message when the controller refuses the user', async () => {
    const element = mount();
    getMock.error({ message: 'Ask your admin for the Modjo User permission set to see Modjo suggestions.' });
    await flush();

    expect(all(element, 'error')[0].textContent).toContain('Modjo User permission set');
    expect(all(element, 'suggestion')).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it('says when nothing waits for the record', async () => {
    const element = mount();
    getMock.emit([]);
    await flush();

    expect(all(element, 'empty')).toHaveLength(1);
    await expect(element).toBeAccessible();
  });
});

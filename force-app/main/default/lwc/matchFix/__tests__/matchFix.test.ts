import { createElement } from 'lwc';
import MatchFix from 'c/matchFix';
import linkParticipant from '@salesforce/apex/CallCardsController.linkParticipant';
import linkCallRecords from '@salesforce/apex/CallCardsController.linkCallRecords';
import type { CallCardDto, CallPageDto } from 'c/modjoFormat';
import { getNavigateCalls, resetNavigateCalls } from '../../../../../test/jest-mocks/lightning/navigation';
import { CallsServer, type PickerRecords } from '../../../../../../workbench/mocks/callsServer';

jest.mock('@salesforce/apex/CallCardsController.linkParticipant', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CallCardsController.linkCallRecords', () => ({ default: jest.fn() }), { virtual: true });

// The platform's encoding (field=value pairs, values URI-encoded, joined by commas); the stub returns nothing.
jest.mock('lightning/pageReferenceUtils', () => ({
  encodeDefaultFieldValues: (values: Record<string, string>) =>
    Object.entries(values)
      .map(([field, value]) => `${field}=${encodeURIComponent(value)}`)
      .join(',')
}));

// sa11y walks the open form: allow for a busy CI machine.
jest.setTimeout(30000);

const FIXTURES = '../../../../../../fixtures/cards/';
const accountCalls = jest.requireActual<CallPageDto>(`${FIXTURES}account-calls.json`);
const pickerRecords = jest.requireActual<PickerRecords>(`${FIXTURES}picker-records.json`);
const linkParticipantMock = linkParticipant as unknown as jest.Mock;
const linkCallRecordsMock = linkCallRecords as unknown as jest.Mock;

/** The steering committee: one Ambiguous and two Unmatched external participants, an Account, no Opportunity. */
const STEERING = 1;

type FixElement = HTMLElement & { call?: CallCardDto };

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

let server: CallsServer;
let updates: CallCardDto[];

function mount(call: CallCardDto): FixElement {
  const element = createElement('c-match-fix', { is: MatchFix }) as FixElement;
  element.call = call;
  element.addEventListener('callupdated', (event) =>
    updates.push((event as CustomEvent<{ call: CallCardDto }>).detail.call)
  );
  document.body.appendChild(element);
  return element;
}

const $ = (element: Element, id: string): HTMLElement | null =>
  element.shadowRoot!.querySelector(`[data-id="${id}"]`) as HTMLElement | null;
const $$ = (element: Element, id: string): HTMLElement[] =>
  Array.from(element.shadowRoot!.querySelectorAll(`[data-id="${id}"]`)) as HTMLElement[];
/** Lets resolved Apex promises and re-renders settle (microtasks only). */
function flush(): Promise<void> {
  return Array.from({ length: 5 }).reduce<Promise<void>>(
    (chain) => chain.then(() => Promise.resolve()),
    Promise.resolve()
  );
}

async function open(element: FixElement): Promise<void> {
  $(element, 'fix-open')!.click();
  await flush();
}

function pick(picker: HTMLElement, recordId: string | null): void {
  picker.dispatchEvent(new CustomEvent('change', { detail: { recordId } }));
}

beforeEach(() => {
  server = new CallsServer(clone(accountCalls.calls), pickerRecords);
  updates = [];
  linkParticipantMock.mockImplementation((params) => Promise.resolve(server.linkParticipant(params)));
  linkCallRecordsMock.mockImplementation((params) => Promise.resolve(server.linkCallRecords(params)));
});

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  resetNavigateCalls();
  jest.clearAllMocks();
});

describe('c-match-fix', () => {
  it('opens a form for each Unmatched or Ambiguous external participant and for the Account and Opportunity', async () => {
    const element = mount(clone(accountCalls.calls[STEERING]));
    await flush();
    const toggle = $(element, 'fix-open')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect($(element, 'fix-participant')).toBeNull();
    await expect(element).toBeAccessible();

    await open(element);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const legends = $$(element, 'fix-participant').map((row) => row.querySelector('legend')!.textContent);
    expect(legends).toEqual([
      expect.stringContaining('Søren Ødegård'),
      expect.stringContaining('Ana María Peña'),
      expect.stringContaining('Łukasz Wójcik')
    ]);
    expect(($(element, 'account-picker') as HTMLElement & { value?: string }).value).toBe('001Qy0000000001AAA');
    expect(($(element, 'save-records') as HTMLElement & { disabled?: boolean }).disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('links a participant to the picked Contact, as a hand-set link the card shows with who and when', async () => {
    const element = mount(clone(accountCalls.calls[STEERING]));
    await open(element);
    const link = $$(element, 'link-participant')[1] as HTMLElement & { disabled?: boolean };
    expect(link.disabled).toBe(true);
    pick($$(element, 'participant-picker')[1], '003Qy0000000002AAA');
    await flush();
    expect(link.disabled).toBe(false);
    link.click();
    await flush();

    expect(linkParticipantMock).toHaveBeenCalledWith({
      participantId: 'a02Qy0000000017AAA',
      recordId: '003Qy0000000002AAA'
    });
    expect(updates).toHaveLength(1);
    const linked = updates[0].participants!.find((p) => p.id === 'a02Qy0000000017AAA')!;
    expect(linked).toMatchObject({
      recordId: '003Qy0000000002AAA',
      recordObjectApiName: 'Contact',
      matchStatus: 'Matched'
    });
    const lines = updates[0].matchExplanationLines!;
    expect(lines[lines.length - 1]).toMatchObject({ code: 'HAND_PARTICIPANT' });
    expect(lines[lines.length - 1].params!.slice(1, 3)).toEqual(['Ana María Peña', 'Jörg Straße']);
    expect($(element, 'fix-error')).toBeNull();
  });

  it('saves only what changed: the Opportunity picked, the Account left as it is', async () => {
    const element = mount(clone(accountCalls.calls[STEERING]));
    await open(element);
    pick($(element, 'opportunity-picker')!, '006Qy0000000002AAA');
    await flush();
    ($(element, 'save-records') as HTMLElement).click();
    await flush();

    expect(linkCallRecordsMock).toHaveBeenCalledWith({
      callId: 'a03Qy0000000002AAA',
      accountId: null,
      opportunityId: '006Qy0000000002AAA'
    });
    expect(updates[0].opportunityName).toBe('Lumière Retail - Store managers');
    expect(updates[0].matchExplanationLines!.at(-1)).toMatchObject({ code: 'HAND_OPPORTUNITY' });
  });

  it("shows the server's refusal in an alert beside the form, and the card is not told of any change", async () => {
    linkCallRecordsMock.mockRejectedValue({
      body: { message: 'You cannot change this call or its activity: nothing was changed.' }
    });
    const element = mount(clone(accountCalls.calls[STEERING]));
    await open(element);
    pick($(element, 'account-picker')!, '001Qy0000000002AAA');
    await flush();
    ($(element, 'save-records') as HTMLElement).click();
    await flush();

    const error = $(element, 'fix-error')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('You cannot change this call or its activity: nothing was changed.');
    expect(updates).toEqual([]);
    expect(($(element, 'save-records') as HTMLElement & { disabled?: boolean }).disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('opens the standard New Contact page filled from the participant and the call’s Account', async () => {
    const element = mount(clone(accountCalls.calls[STEERING]));
    await open(element);
    $$(element, 'new-contact')[1].click();

    const { pageReference } = getNavigateCalls()[0];
    expect(pageReference).toMatchObject({
      type: 'standard__objectPage',
      attributes: { objectApiName: 'Contact', actionName: 'new' }
    });
    const defaults = String(pageReference.state!.defaultFieldValues);
    expect(defaults.split(',').sort()).toEqual([
      'AccountId=001Qy0000000001AAA',
      `Email=${encodeURIComponent('anamaria.pena@lumiere-retail.es')}`,
      `FirstName=${encodeURIComponent('Ana María')}`,
      `LastName=${encodeURIComponent('Peña')}`
    ]);
  });
});

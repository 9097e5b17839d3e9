import { createElement } from 'lwc';
import CallCard from 'c/callCard';
import type { CallCardDto, CallDetailDto, CallPageDto } from 'c/modjoFormat';
import { getNavigateCalls, resetNavigateCalls } from '../../../../../test/jest-mocks/lightning/navigation';

/** A script URL stored in a field: it must never become a link. Built so linters do not mistake it for code. */
const SCRIPT_URL = ['javascript', 'alert(1)'].join(':');
const FIXTURES = '../../../../../../fixtures/cards/';
const page1 = jest.requireActual<CallPageDto>(`${FIXTURES}account-page-1.json`);
const detail = jest.requireActual<CallDetailDto>(`${FIXTURES}call-detail.json`);
const accountCalls = jest.requireActual<CallPageDto>(`${FIXTURES}account-calls.json`);

// sa11y walks the whole card: allow for a busy CI machine.
jest.setTimeout(30000);

type CardElement = HTMLElement & {
  call?: CallCardDto;
  showHighlights?: boolean;
  variant?: string;
  display?: string;
  topicFilter?: boolean;
  isDeleted?: boolean;
};

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function mount(call: CallCardDto, props: Partial<CardElement> = {}): CardElement {
  const element = createElement('c-call-card', { is: CallCard }) as CardElement;
  Object.assign(element, { showHighlights: true, ...props, call });
  document.body.appendChild(element);
  return element;
}

const $ = (element: Element, id: string): HTMLElement | null =>
  element.shadowRoot!.querySelector(`[data-id="${id}"]`) as HTMLElement | null;
const body = (element: Element): Element | null => element.shadowRoot!.querySelector('c-call-card-body');
const $body = (element: Element, id: string): HTMLElement | null =>
  body(element)?.shadowRoot!.querySelector(`[data-id="${id}"]`) as HTMLElement | null;
const rerender = (): Promise<void> => Promise.resolve();

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  resetNavigateCalls();
});

describe('c-call-card', () => {
  const longMeeting = page1.calls[0];
  const unmatchedCall = page1.calls[2];

  it('is one compact row by default: kind icon, title, relative date with the absolute one, duration, people, play', async () => {
    const element = mount(longMeeting);
    await rerender();

    expect($(element, 'title')!.textContent).toBe(longMeeting.title);
    const icon = element.shadowRoot!.querySelector('lightning-icon') as HTMLElement & { iconName: string };
    expect(icon.iconName).toBe('standard:event');
    const date = $(element, 'date')!;
    expect(date.getAttribute('datetime')).toBe(longMeeting.startedAt);
    // Jest's i18n: en-US, America/Los_Angeles. 2026-11-26T15:30Z is 7:30 AM there (the tooltip and title).
    expect(date.getAttribute('title')).toBe('Nov 26, 2026, 7:30 AM');
    expect(date.textContent).toMatch(/ago|yesterday|today|last|in /);
    expect($(element, 'duration')!.textContent).toContain('57 min');
    // External people only, the first two named and the rest counted (Intl.ListFormat).
    expect($(element, 'people')!.textContent).toContain('Zoé Lefèvre, Jörg Straße, and');
    expect($(element, 'people')!.textContent).not.toContain('Camille Martin');
    expect($(element, 'play')!.getAttribute('href')).toBe(longMeeting.modjoUrl);
    const toggle = $(element, 'toggle-row')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(body(element)).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('opens in place: next steps first, key moments by category, topics with count and first moment', async () => {
    const element = mount(longMeeting);
    await rerender();
    $(element, 'toggle-row')!.click();
    await rerender();

    expect($(element, 'toggle-row')!.getAttribute('aria-expanded')).toBe('true');
    const sections = Array.from(body(element)!.shadowRoot!.querySelectorAll('section')).map((s) =>
      s.getAttribute('data-id')
    );
    expect(sections.slice(0, 3)).toEqual(['next-steps', 'highlights', 'topics']);
    const categories = Array.from(body(element)!.shadowRoot!.querySelectorAll('.group__title')).map(
      (h) => h.textContent
    );
    expect(categories.length).toBeGreaterThan(0);
    expect(categories).not.toContain('Next steps');
    const topics = $body(element, 'topics')!.textContent!;
    expect(topics).toContain('Pricing');
    expect(topics).toContain('c.Cards_Topic_First_At'.replace('{0}', '1:00'));
    await expect(element).toBeAccessible();
  });

  it('starts open with display="expanded"', async () => {
    const element = mount(longMeeting, { display: 'expanded' });
    await rerender();
    expect(body(element)).not.toBeNull();
  });

  it('renders the summary as text, never as HTML, and collapses a long one', async () => {
    const call = clone(longMeeting);
    call.summary = '<img src=x onerror=alert(1)> ' + 'word '.repeat(200);
    const element = mount(call, { display: 'expanded' });
    await rerender();
    const summary = $body(element, 'summary')!;
    expect(summary.querySelector('img')).toBeNull();
    expect(summary.className).toContain('summary_collapsed');
    $body(element, 'toggle')!.click();
    await rerender();
    expect($body(element, 'summary')!.className).not.toContain('summary_collapsed');
  });

  it('makes topic chips filter buttons in a list and plain chips elsewhere', async () => {
    const element = mount(longMeeting, { display: 'expanded', topicFilter: true });
    const selected = jest.fn();
    element.addEventListener('topicselect', (event) => selected((event as CustomEvent).detail));
    await rerender();
    const chip = $body(element, 'topic')!;
    expect(chip.tagName).toBe('BUTTON');
    chip.click();
    expect(selected).toHaveBeenCalledWith({ topic: longMeeting.topics![0].name });

    const plain = mount(longMeeting, { display: 'expanded' });
    await rerender();
    expect($body(plain, 'topic')!.tagName).toBe('SPAN');
  });

  it('lists external people before internal ones and marks those not found in Salesforce', async () => {
    const element = mount(unmatchedCall, { display: 'expanded' });
    await rerender();
    const items = Array.from($body(element, 'participants')!.querySelectorAll('li'));
    const internal = items.map((li) => li.getAttribute('data-internal'));
    expect(internal.indexOf('true')).toBeGreaterThanOrEqual(internal.lastIndexOf('false'));
    expect($body(element, 'participants')!.textContent).toContain('c.Cards_Not_In_Salesforce');
  });

  it('never turns an unsafe Modjo URL into a link, and offers no Modjo link for a deleted call', async () => {
    const call = clone(longMeeting);
    call.modjoUrl = SCRIPT_URL;
    const element = mount(call, { display: 'expanded' });
    await rerender();
    expect($(element, 'play')).toBeNull();
    expect($body(element, 'open-in-modjo')).toBeNull();

    const deleted = mount(longMeeting, { display: 'expanded', isDeleted: true });
    await rerender();
    expect($(deleted, 'play')).toBeNull();
    expect($body(deleted, 'open-in-modjo')).toBeNull();
  });

  it('renders no link to a host outside the allowed hosts: no play, no Open in Modjo, highlight times as text', async () => {
    const call = clone(longMeeting);
    call.modjoUrl = 'https://app.modjo.ai@evil.example.com/calls/1';
    const element = mount(call, { display: 'expanded' });
    await rerender();
    expect($(element, 'play')).toBeNull();
    expect($body(element, 'open-in-modjo')).toBeNull();
    const highlights = body(element)!.shadowRoot!.querySelectorAll('li.highlight');
    expect(highlights.length).toBeGreaterThan(0);
    expect(body(element)!.shadowRoot!.querySelectorAll('li.highlight a')).toHaveLength(0);
    expect(body(element)!.shadowRoot!.querySelectorAll('a[href*="evil"]')).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it('links to a host the admin allowed (allowedLinkHosts from the controller), highlights at their moment', async () => {
    const call = clone(longMeeting);
    call.modjoUrl = 'https://eu.modjo.example/calls/7';
    call.allowedLinkHosts = ['app.modjo.ai', '*.modjo.example'];
    const element = mount(call, { display: 'expanded' });
    await rerender();
    expect($(element, 'play')!.getAttribute('href')).toBe('https://eu.modjo.example/calls/7');
    expect($body(element, 'open-in-modjo')!.getAttribute('href')).toBe('https://eu.modjo.example/calls/7');
    const first = body(element)!.shadowRoot!.querySelector('li.highlight a')!;
    expect(first.getAttribute('href')).toMatch(/^https:\/\/eu\.modjo\.example\/calls\/7\?t=\d+$/);
    await expect(element).toBeAccessible();

    call.allowedLinkHosts = ['app.modjo.ai'];
    const refused = mount(call, { display: 'expanded' });
    await rerender();
    expect($(refused, 'play')).toBeNull();
    expect($body(refused, 'open-in-modjo')).toBeNull();
  });

  it('navigates to the call record, but leaves Ctrl/Cmd-click to the browser', async () => {
    const element = mount(longMeeting, { display: 'expanded' });
    await rerender();
    const link = $body(element, 'open-call')!;
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }));
    expect(getNavigateCalls()).toHaveLength(0);
    link.click();
    expect(getNavigateCalls()[0].pageReference).toEqual({
      type: 'standard__recordPage',
      attributes: { recordId: longMeeting.id, objectApiName: 'Call__c', actionName: 'view' }
    });
  });

  it('renders match explanations from codes through labels, and the stored text without codes', async () => {
    const withCodes = mount(accountCalls.calls[0], { display: 'expanded' });
    await rerender();
    const lines = Array.from($body(withCodes, 'match-explanation')!.querySelectorAll('li')).map((li) => li.textContent);
    expect(lines).toEqual([
      'c.Modjo_Match_SUMMARY',
      'c.Modjo_Match_TEXT',
      'c.Modjo_Match_OPPORTUNITY_KEPT',
      'c.Modjo_Match_HAND_OPPORTUNITY'
    ]);
    const stored = mount(longMeeting, { display: 'expanded' });
    await rerender();
    expect($body(stored, 'match-explanation')!.textContent).toContain('Lumière Retail (from the email domain');
  });

  it('shows the match fix only when the server says the user may fix matches', async () => {
    const allowed = mount(accountCalls.calls[0], { display: 'expanded' });
    const denied = mount({ ...clone(accountCalls.calls[0]), canFixMatch: false }, { display: 'expanded' });
    await rerender();
    expect(body(allowed)!.shadowRoot!.querySelector('c-match-fix')).not.toBeNull();
    expect(body(denied)!.shadowRoot!.querySelector('c-match-fix')).toBeNull();
  });

  it('shows the whole call in the detail variant: absolute date, every highlight, no row toggle', async () => {
    const element = mount(detail.call, { variant: 'detail' });
    await rerender();
    expect($(element, 'toggle-row')).toBeNull();
    expect($(element, 'date')!.textContent).toBe('Nov 26, 2026, 7:30 AM');
    expect(body(element)!.shadowRoot!.querySelectorAll('li.highlight')).toHaveLength(40);
    await expect(element).toBeAccessible();
  });
});

import { createElement } from 'lwc';
import CallCard from 'c/callCard';
import type { CallCardDto, CallDetailDto, CallPageDto } from 'c/modjoFormat';
import { getNavigateCalls, resetNavigateCalls } from '../../../../../test/jest-mocks/lightning/navigation';

/** A script URL stored in a field: it must never become a link. Built so linters do not mistake it for code. */
const SCRIPT_URL = ['javascript', 'alert(1)'].join(':');
const FIXTURES = '../../../../../../fixtures/cards/';
const page1 = jest.requireActual<CallPageDto>(`${FIXTURES}account-page-1.json`);
const detail = jest.requireActual<CallDetailDto>(`${FIXTURES}call-detail.json`);

// sa11y walks the whole card: allow for a busy CI machine.
jest.setTimeout(30000);

type CardElement = HTMLElement & { call?: CallCardDto; showHighlights?: boolean; variant?: string };

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

  it('shows the call: title, meeting icon, date and duration in the user locale, provider, participants', async () => {
    const element = mount(longMeeting);
    await rerender();

    expect($(element, 'title')!.textContent).toBe(longMeeting.title);
    const icon = element.shadowRoot!.querySelector('lightning-icon') as HTMLElement & { iconName: string };
    expect(icon.iconName).toBe('standard:event');
    // Jest's i18n: en-US, America/Los_Angeles. 2026-11-26T15:30Z is 7:30 AM there.
    expect($(element, 'date')!.textContent).toBe('Nov 26, 2026, 7:30 AM');
    expect($(element, 'date')!.getAttribute('datetime')).toBe(longMeeting.startedAt);
    expect($(element, 'duration')!.textContent).toBe('57 min');
    expect($(element, 'provider')!.textContent).toBe('Google Meet');
    const names = Array.from(element.shadowRoot!.querySelectorAll('.participant a')).map((link) => link.textContent);
    expect(names).toEqual(['Camille Martin', 'Hugo Bernard', 'Zoé Lefèvre', 'Jörg Straße', '李伟', 'Inès Dubois']);
    expect($(element, 'comments')!.textContent).toBe('c.Cards_Comment_Count'.replace('{0}', '7'));
    await expect(element).toBeAccessible();
  });

  it('shows a call icon and marks participants not found in Salesforce', async () => {
    const element = mount(unmatchedCall);
    await rerender();
    const icon = element.shadowRoot!.querySelector('lightning-icon') as HTMLElement & { iconName: string };
    expect(icon.iconName).toBe('standard:call');
    const participants = $(element, 'participants')!;
    expect(participants.querySelectorAll('a')).toHaveLength(1);
    expect(participants.textContent).toContain('Unknown caller');
    expect(participants.textContent).toContain('(c.Cards_Not_In_Salesforce)');
    expect(participants.textContent).toContain('c.Cards_Internal');
    await expect(element).toBeAccessible();
  });

  it('renders the summary as text, never as HTML', async () => {
    const call = clone(unmatchedCall);
    call.summary = '<img src="x" onerror="alert(1)"><b>bold</b> & <script>alert(2)</script>';
    const element = mount(call);
    await rerender();
    const summary = $(element, 'summary')!;
    expect(summary.textContent).toBe(call.summary);
    expect(summary.querySelector('img')).toBeNull();
    expect(summary.querySelector('b')).toBeNull();
    expect(summary.querySelector('script')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('collapses a long summary to a few lines and expands it on demand', async () => {
    const element = mount(longMeeting);
    await rerender();
    const summary = $(element, 'summary')!;
    const toggle = $(element, 'toggle')!;
    // Collapsed: only the start of the summary is in the page (the line clamp shows three lines of it).
    expect(summary.textContent!.length).toBeLessThanOrEqual(401);
    expect(summary.textContent!.endsWith('…')).toBe(true);
    expect(longMeeting.summary!.startsWith(summary.textContent!.slice(0, -1))).toBe(true);
    expect(summary.classList.contains('summary_collapsed')).toBe(true);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent!.trim()).toBe('c.Cards_Show_More');

    toggle.click();
    await rerender();
    expect(summary.textContent).toBe(longMeeting.summary);
    expect(summary.classList.contains('summary_collapsed')).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent!.trim()).toBe('c.Cards_Show_Less');

    toggle.click();
    await rerender();
    expect(summary.classList.contains('summary_collapsed')).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('has no toggle for a short summary', async () => {
    const element = mount(page1.calls[4]);
    await rerender();
    expect($(element, 'summary')!.classList.contains('summary_collapsed')).toBe(false);
    expect($(element, 'toggle')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lists highlights with their time, each opening the Modjo player at that moment', async () => {
    const element = mount(longMeeting);
    await rerender();
    const items = Array.from($(element, 'highlights')!.querySelectorAll('li'));
    expect(items).toHaveLength(longMeeting.highlights!.length);
    const first = longMeeting.highlights![0];
    const link = items[0].querySelector('a')!;
    expect(link.getAttribute('href')).toBe(`${longMeeting.modjoUrl}?t=${first.startSecond}`);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.textContent).toContain('0:45');
    expect(items[0].textContent).toContain(first.text!);
    expect($(element, 'more-highlights')!.textContent).toBe('c.Cards_More_Highlights'.replace('{0}', '35'));
    await expect(element).toBeAccessible();
  });

  it('hides highlights when the list does not show them', async () => {
    const element = mount(longMeeting, { showHighlights: false });
    await rerender();
    expect($(element, 'highlights')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows topics as pills, tags, Open in Modjo and the match explanation', async () => {
    const element = mount(longMeeting);
    await rerender();
    const pills = Array.from($(element, 'topics')!.querySelectorAll('.slds-pill__label')).map(
      (pill) => pill.textContent
    );
    expect(pills).toEqual(longMeeting.topics!.map((topic) => topic.name));
    const tags = Array.from($(element, 'tags')!.querySelectorAll('.slds-badge')).map((tag) => tag.textContent);
    expect(tags).toEqual(longMeeting.tags);
    const open = $(element, 'open-in-modjo') as HTMLAnchorElement;
    expect(open.getAttribute('href')).toBe(longMeeting.modjoUrl);
    expect(open.getAttribute('target')).toBe('_blank');
    expect($(element, 'match-explanation')!.textContent).toContain('Account: Lumière Retail');
    await expect(element).toBeAccessible();
  });

  it('hides the match explanation from users who cannot read it (null from the controller)', async () => {
    const call = clone(longMeeting);
    call.matchExplanation = null;
    const element = mount(call);
    await rerender();
    expect($(element, 'match-explanation')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('never turns an unsafe Modjo URL into a link', async () => {
    const call = clone(longMeeting);
    call.modjoUrl = SCRIPT_URL;
    const element = mount(call);
    await rerender();
    expect($(element, 'open-in-modjo')).toBeNull();
    expect($(element, 'highlights')!.querySelector('a')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('navigates to the call record and to matched participants', async () => {
    const element = mount(longMeeting);
    await rerender();

    $(element, 'title')!.click();
    const zoe = Array.from(element.shadowRoot!.querySelectorAll('.participant a')).find(
      (link) => link.textContent === 'Zoé Lefèvre'
    ) as HTMLElement;
    zoe.click();

    const calls = getNavigateCalls().map((call) => call.pageReference);
    expect(calls).toEqual([
      { type: 'standard__recordPage', attributes: { recordId: longMeeting.id, actionName: 'view' } },
      {
        type: 'standard__recordPage',
        attributes: { recordId: '003Qy0000000001AAA', objectApiName: 'Contact', actionName: 'view' }
      }
    ]);
    expect($(element, 'title')!.getAttribute('href')).toBe(`/lightning/r/${longMeeting.id}/view`);
    await expect(element).toBeAccessible();
  });

  it('shows the whole call in the detail variant: full summary, every highlight, no list trimming', async () => {
    const element = mount(detail.call, { variant: 'detail', showHighlights: false });
    await rerender();
    expect($(element, 'toggle')).toBeNull();
    expect($(element, 'summary')!.classList.contains('summary_collapsed')).toBe(false);
    expect($(element, 'highlights')!.querySelectorAll('li')).toHaveLength(40);
    expect($(element, 'more-highlights')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('renders nothing without a call', async () => {
    const element = createElement('c-call-card', { is: CallCard });
    document.body.appendChild(element);
    await rerender();
    expect(element.shadowRoot!.querySelector('article')).toBeNull();
    await expect(element).toBeAccessible();
  });
});

import { createElement } from 'lwc';
import ModjoSetup, { type HealthDocument } from 'c/modjoSetup';
import { groupByFeature, type MissingAccess } from 'c/modjoFormat';
import { recordHref } from 'c/modjoRematchFailures';
import getHealth from '@salesforce/apex/ModjoSetupController.getHealth';
import scheduleSweep from '@salesforce/apex/ModjoSetupController.scheduleSweep';
import scheduleRematch from '@salesforce/apex/ModjoSetupController.scheduleRematch';
import allGood from '../../../../../../fixtures/setup/all-good.json';
import missingAccess from '../../../../../../fixtures/setup/missing-access.json';
import sweepNotScheduled from '../../../../../../fixtures/setup/sweep-not-scheduled.json';
import inboxFailures from '../../../../../../fixtures/setup/inbox-failures.json';
import rematchFailures from '../../../../../../fixtures/setup/rematch-failures.json';

jest.mock('@salesforce/apex/ModjoSetupController.getHealth', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ModjoSetupController.scheduleSweep', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ModjoSetupController.scheduleRematch', () => ({ default: jest.fn() }), { virtual: true });

/** The event name of lightning/platformShowToastEvent (its Jest stub does not export it). */
const ShowToastEventName = 'lightning__showtoast';

const getHealthMock = getHealth as unknown as jest.Mock;
const scheduleSweepMock = scheduleSweep as unknown as jest.Mock;
const scheduleRematchMock = scheduleRematch as unknown as jest.Mock;

/** Lets the component's awaited Apex promises settle (microtasks only: no timers in LWC code). */
function flush(): Promise<void> {
  let chain = Promise.resolve();
  for (let i = 0; i < 10; i++) {
    chain = chain.then(() => undefined);
  }
  return chain;
}

async function mount(document: unknown): Promise<HTMLElement> {
  getHealthMock.mockResolvedValue(document);
  const element = createElement('c-modjo-setup', { is: ModjoSetup }) as HTMLElement;
  window.document.body.appendChild(element);
  await flush();
  await flush();
  return element;
}

function query(element: HTMLElement, id: string): HTMLElement | null {
  return element.shadowRoot!.querySelector(`[data-id="${id}"]`);
}

/** An element of the failed re-matches (c-modjo-rematch-failures, inside the re-match section). */
function queryFailures(element: HTMLElement, id: string): HTMLElement | null {
  const view = element.shadowRoot!.querySelector('[data-id="rematch"] c-modjo-rematch-failures');
  return view ? view.shadowRoot!.querySelector(`[data-id="${id}"]`) : null;
}

/** The features a user lacks something for (c-modjo-access-fixes, inside each integration user of the page). */
function userFeatures(element: HTMLElement): Element[] {
  return [...element.shadowRoot!.querySelectorAll('[data-id="users"] c-modjo-access-fixes')].flatMap((fixes) => [
    ...fixes.shadowRoot!.querySelectorAll('[data-id="access-feature"]')
  ]);
}

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
});

describe('c-modjo-setup', () => {
  it('says everything is ready when every check passes', async () => {
    const element = await mount(allGood);

    expect(query(element, 'status')!.textContent).toContain('c.Setup_Status_Ok');
    expect(query(element, 'user-ok')).not.toBeNull();
    expect(query(element, 'user-missing')).toBeNull();
    expect(query(element, 'sweep-scheduled')).not.toBeNull();
    expect(query(element, 'schedule')).toBeNull();
    expect(query(element, 'settings-ok')).not.toBeNull();
    expect(query(element, 'version-source')!.textContent).toBe('0.1.0');
    await expect(element).toBeAccessible();
  });

  it('names each missing access under the feature it breaks, and the settings problem', async () => {
    const element = await mount(missingAccess);

    expect(query(element, 'status')!.textContent).toContain('c.Setup_Status_Problems');
    const features = userFeatures(element);
    expect(features).toHaveLength(4);
    expect(features[0].textContent).toContain('Match participants to Contacts by email');
    expect(features[0].textContent).toContain('Contact.Email');
    const problems = query(element, 'settings-problems')!;
    expect(problems.textContent).toContain('Default Phone Country');
    expect(problems.textContent).toContain('GB');
    await expect(element).toBeAccessible();
  });

  it('offers to schedule the sweep, schedules it and checks again', async () => {
    const element = await mount(sweepNotScheduled);
    expect(query(element, 'sweep-not-scheduled')).not.toBeNull();
    const toasts: CustomEvent[] = [];
    element.addEventListener(ShowToastEventName, (event) => toasts.push(event as CustomEvent));
    await expect(element).toBeAccessible();

    scheduleSweepMock.mockResolvedValue({ scheduled: true });
    getHealthMock.mockResolvedValue(allGood);
    (query(element, 'schedule') as HTMLElement).click();
    await flush();
    await flush();

    expect(scheduleSweepMock).toHaveBeenCalledTimes(1);
    expect(getHealthMock).toHaveBeenCalledTimes(2);
    expect(toasts[0].detail.variant).toBe('success');
    expect(query(element, 'sweep-scheduled')).not.toBeNull();
  });

  it('shows why the sweep was refused', async () => {
    const element = await mount(sweepNotScheduled);
    const toasts: CustomEvent[] = [];
    element.addEventListener(ShowToastEventName, (event) => toasts.push(event as CustomEvent));
    scheduleSweepMock.mockRejectedValue({ body: { message: 'The sweep runs as the user who schedules it' } });

    (query(element, 'schedule') as HTMLElement).click();
    await flush();

    expect(toasts[0].detail.variant).toBe('error');
    expect(toasts[0].detail.message).toContain('runs as the user who schedules it');
    expect(getHealthMock).toHaveBeenCalledTimes(1);
  });

  it('shows the re-match schedule and its settings, and still offers to schedule it', async () => {
    const element = await mount(allGood);

    expect(query(element, 'rematch-scheduled')).not.toBeNull();
    expect(query(element, 'rematch-not-scheduled')).toBeNull();
    expect(query(element, 'rematch-settings')!.textContent).toBe('c.Setup_Rematch_Settings');
    // Scheduling again replaces the job (a changed interval takes effect): the button stays.
    expect((query(element, 'schedule-rematch') as HTMLElement & { label: string }).label).toBe(
      'c.Setup_Rematch_Schedule'
    );
    // The runs-as line (the label takes the user; Jest's label stubs have no placeholder to fill).
    expect(query(element, 'rematch')!.textContent).toContain('c.Setup_Sweep_Runs_As');
    await expect(element).toBeAccessible();
  });

  it('offers to schedule the re-match when it is not, schedules it and checks again', async () => {
    const element = await mount(sweepNotScheduled);
    expect(query(element, 'rematch-not-scheduled')).not.toBeNull();
    const button = query(element, 'schedule-rematch') as HTMLElement & { label: string };
    expect(button.label).toBe('c.Setup_Rematch_Schedule');
    const toasts: CustomEvent[] = [];
    element.addEventListener(ShowToastEventName, (event) => toasts.push(event as CustomEvent));

    scheduleRematchMock.mockResolvedValue({ scheduled: true });
    getHealthMock.mockResolvedValue(allGood);
    button.click();
    await flush();
    await flush();

    expect(scheduleRematchMock).toHaveBeenCalledTimes(1);
    expect(scheduleSweepMock).not.toHaveBeenCalled();
    expect(toasts[0].detail.title).toBe('c.Setup_Rematch_Done');
    expect(query(element, 'rematch-scheduled')).not.toBeNull();
  });

  it('shows why the re-match was refused, and no re-match section without one in the document', async () => {
    const element = await mount(sweepNotScheduled);
    const toasts: CustomEvent[] = [];
    element.addEventListener(ShowToastEventName, (event) => toasts.push(event as CustomEvent));
    scheduleRematchMock.mockRejectedValue({ body: { message: 'you lack the custom permission Modjo_Rematch_Calls' } });

    (query(element, 'schedule-rematch') as HTMLElement).click();
    await flush();

    expect(toasts[0].detail.variant).toBe('error');
    expect(toasts[0].detail.message).toContain('Modjo_Rematch_Calls');
    const withoutRematch = { ...(inboxFailures as Record<string, unknown>) };
    delete withoutRematch.rematch;
    const other = await mount(withoutRematch);
    expect(query(other, 'rematch')).toBeNull();
  });

  it('lists the calls whose re-match failed: a link to each, when and why', async () => {
    const element = await mount(rematchFailures);

    expect(queryFailures(element, 'rematch-failures-count')!.textContent).toContain('c.Setup_Rematch_Failures');
    const items = queryFailures(element, 'rematch-failures')!.querySelectorAll('li');
    expect(items).toHaveLength(2);
    const link = items[0].querySelector('a')!;
    expect(link.getAttribute('href')).toBe('/lightning/r/a03Qy0000000042AAA/view');
    expect(link.textContent).toBe('CALL-000042 (Pricing follow-up with Globex)');
    expect(items[0].textContent).toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(items[1].querySelector('a')!.textContent).toBe('CALL-000017');
    expect(items[1].textContent).toContain('List index out of bounds');
    expect(queryFailures(element, 'rematch-failures-error')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says when no re-match failed, and why failures cannot be shown', async () => {
    const element = await mount(allGood);
    expect(queryFailures(element, 'rematch-failures-count')!.textContent).toContain('c.Setup_Rematch_No_Failures');
    expect(queryFailures(element, 'rematch-failures')).toBeNull();

    const unreadable = JSON.parse(JSON.stringify(rematchFailures)) as HealthDocument;
    unreadable.rematch!.failures = {
      error: 'You cannot read the re-match errors of Modjo calls (Modjo Admin grants it).'
    };
    const refused = await mount(unreadable);
    expect(queryFailures(refused, 'rematch-failures-error')!.textContent).toContain('Modjo Admin grants it');
    expect(queryFailures(refused, 'rematch-failures-count')).toBeNull();
    await expect(refused).toBeAccessible();

    const older = JSON.parse(JSON.stringify(rematchFailures)) as HealthDocument;
    delete older.rematch!.failures;
    const withoutFailures = await mount(older);
    expect(queryFailures(withoutFailures, 'rematch-failures-count')).toBeNull();
    expect(query(withoutFailures, 'rematch-scheduled')).not.toBeNull();
  });

  it('lists the inbox counts and the latest failures with their error', async () => {
    const element = await mount(inboxFailures);

    expect(query(element, 'inbox-counts')!.textContent).toBe('c.Setup_Inbox_Counts');
    const failures = query(element, 'failures')!.querySelectorAll('li');
    expect(failures).toHaveLength(3);
    expect(failures[0].textContent).toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    await expect(element).toBeAccessible();
  });

  it('tells the admin what the check needs when permission sets cannot be read', async () => {
    const element = await mount({
      ...(allGood as HealthDocument),
      users: [],
      accessCheckError: 'Checking another user\u2019s access needs the View Setup and Configuration permission.'
    });

    expect(query(element, 'access-check-error')!.textContent).toContain('View Setup and Configuration');
    expect(query(element, 'no-users')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the error when the checks cannot run', async () => {
    getHealthMock.mockRejectedValue({ body: { message: 'Insufficient access' } });
    const element = createElement('c-modjo-setup', { is: ModjoSetup }) as HTMLElement;
    document.body.appendChild(element);
    await flush();

    expect(query(element, 'error')!.textContent).toContain('Insufficient access');
    expect(query(element, 'status')).toBeNull();
    await expect(element).toBeAccessible();
  });
});

describe('recordHref', () => {
  it('links to the record page of a call', () => {
    expect(recordHref('a03Qy0000000042AAA')).toBe('/lightning/r/a03Qy0000000042AAA/view');
  });
});

describe('groupByFeature', () => {
  it('groups fixes by feature in the order given', () => {
    const groups = groupByFeature((missingAccess as HealthDocument).users[0].missing);
    expect(groups.map((g) => g.feature)).toEqual([
      'Match participants to Contacts by email',
      'Match participants to Contacts by phone',
      'Link the Account (from the contacts or the email domain)',
      'Log calls as Tasks'
    ]);
    expect(groupByFeature(null)).toEqual([]);
  });
});

/*
 * The custom permissions of the health document (Apex AccessCheck.missing for ModjoAccessRequirements.READ_CONTEXT and
 * REMATCH): an entry with `permission`, no object and no field, access `permission`. The page shows it as any other
 * missing access: under the feature it breaks, with its fix; in the re-match section, counted.
 */
/** What Apex answers for a missing custom permission: no object, no field. */
function permissionEntry(permission: string, feature: string, grantedBy: string): MissingAccess {
  return {
    object: null,
    field: null,
    permission,
    access: 'permission',
    feature,
    fix: `Assign the permission set ${grantedBy}: it grants the custom permission ${permission}.`
  };
}

const READ_CONTEXT = permissionEntry(
  'Modjo_Read_Context',
  'Let Modjo look up Salesforce data (lookup, match preview)',
  'Modjo Integration or Modjo Admin'
);
const REMATCH = permissionEntry(
  'Modjo_Rematch_Calls',
  'Re-match calls on a schedule (Modjo re-match job)',
  'Modjo Admin'
);

describe('c-modjo-setup: missing custom permissions', () => {
  it('groups a permission entry under its feature with its fix', () => {
    expect(groupByFeature([READ_CONTEXT])).toEqual([
      {
        feature: READ_CONTEXT.feature,
        fixes: [{ key: '..Modjo_Read_Context.permission', text: READ_CONTEXT.fix }]
      }
    ]);
  });

  it('keeps two custom permissions of one feature apart', () => {
    const other = { ...READ_CONTEXT, permission: 'Modjo_Rematch_Calls' };
    const keys = groupByFeature([READ_CONTEXT, other])[0].fixes.map((fix) => fix.key);
    expect(new Set(keys).size).toBe(2);
  });

  it("names the integration user's missing Modjo_Read_Context and lists the re-match user's missing Modjo_Rematch_Calls with its fix", async () => {
    const health = JSON.parse(JSON.stringify(allGood)) as Record<string, unknown> & {
      users: { missing: MissingAccess[] }[];
      rematch: { missing: MissingAccess[] };
    };
    health.status = 'attention';
    health.problemCount = 2;
    health.users[0].missing = [READ_CONTEXT];
    health.rematch.missing = [REMATCH];

    const element = await mount(health);

    const features = userFeatures(element);
    expect(features).toHaveLength(1);
    expect(features[0].textContent).toContain(READ_CONTEXT.feature);
    expect(features[0].textContent).toContain('Modjo Integration or Modjo Admin');
    expect(element.shadowRoot!.querySelector('[data-id="user-ok"]')).toBeNull();
    // The re-match section says how many accesses its user lacks (Jest's label stubs have no count to fill).
    expect(element.shadowRoot!.querySelector('[data-id="rematch"]')!.textContent).toContain('c.Setup_User_Missing');
    // …and lists what it lacks with the fix, under the feature it breaks.
    const fixes = element.shadowRoot!.querySelector('[data-id="rematch"] c-modjo-access-fixes') as HTMLElement & {
      missing: MissingAccess[];
    };
    expect(fixes.missing).toEqual([REMATCH]);
    const rematchFeatures = fixes.shadowRoot!.querySelectorAll('[data-id="access-feature"]');
    expect(rematchFeatures).toHaveLength(1);
    expect(rematchFeatures[0].textContent).toContain(REMATCH.feature);
    expect(rematchFeatures[0].textContent).toContain(REMATCH.fix);
    expect(element.shadowRoot!.querySelector('[data-id="status"]')!.textContent).toContain('c.Setup_Status_Problems');
    await expect(element).toBeAccessible();
  });
  it("lists what the sweep's user lacks with its fix, under the feature it breaks", async () => {
    const health = JSON.parse(JSON.stringify(allGood)) as Record<string, unknown> & {
      sweep: { scheduled: boolean; missing: MissingAccess[] };
    };
    const entry: MissingAccess = {
      object: 'Inbox_Item__c',
      field: 'Status__c',
      access: 'edit',
      feature: 'Retry failed calls (Modjo inbox sweep)',
      fix: 'Assign the permission set Modjo Admin: it grants edit access to Inbox_Item__c.Status__c.'
    };
    health.sweep.missing = [entry];

    const element = await mount(health);

    const fixes = element.shadowRoot!.querySelector('[data-id="sweep"] c-modjo-access-fixes') as HTMLElement & {
      missing: MissingAccess[];
    };
    expect(fixes.missing).toEqual([entry]);
    const features = fixes.shadowRoot!.querySelectorAll('[data-id="access-feature"]');
    expect(features).toHaveLength(1);
    expect(features[0].textContent).toContain(entry.fix);
    await expect(element).toBeAccessible();
  });
});

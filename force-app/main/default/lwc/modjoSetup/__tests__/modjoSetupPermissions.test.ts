/*
 * The custom permissions of the health document (Apex AccessCheck.missing for ModjoAccessRequirements.READ_CONTEXT and
 * REMATCH): an entry with `permission`, no object and no field, access `permission`. The page shows it as any other
 * missing access: under the feature it breaks, with its fix; in the re-match section, counted.
 */
import { createElement } from 'lwc';
import ModjoSetup from 'c/modjoSetup';
import { groupByFeature, type MissingAccess } from 'c/modjoFormat';
import getHealth from '@salesforce/apex/ModjoSetupController.getHealth';
import allGood from '../../../../../../fixtures/setup/all-good.json';

jest.mock('@salesforce/apex/ModjoSetupController.getHealth', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ModjoSetupController.scheduleSweep', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ModjoSetupController.scheduleRematch', () => ({ default: jest.fn() }), { virtual: true });

const getHealthMock = getHealth as unknown as jest.Mock;

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

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
});

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

    const features = element.shadowRoot!.querySelectorAll('[data-id="feature"]');
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

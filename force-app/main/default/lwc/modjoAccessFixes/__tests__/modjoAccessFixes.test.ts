import { createElement } from 'lwc';
import ModjoAccessFixes from 'c/modjoAccessFixes';
import type { MissingAccess } from 'c/modjoFormat';

const FIELD: MissingAccess = {
  object: 'Call__c',
  field: 'Rematch_Error__c',
  access: 'edit',
  feature: 'Re-match calls on a schedule (Modjo re-match job)',
  fix: 'Assign the permission set Modjo Admin: it grants edit access to Call__c.Rematch_Error__c.'
};
const PERMISSION: MissingAccess = {
  object: null,
  field: null,
  permission: 'Modjo_Rematch_Calls',
  access: 'permission',
  feature: 'Re-match calls on a schedule (Modjo re-match job)',
  fix: 'Assign the permission set Modjo Admin: it grants the custom permission Modjo_Rematch_Calls.'
};
const OTHER: MissingAccess = {
  object: 'Contact',
  field: 'Phone',
  access: 'read',
  feature: 'Match Contacts and Leads by phone',
  fix: 'Give read access to Contact.Phone.'
};

function mount(missing: MissingAccess[] | null): HTMLElement & { missing: MissingAccess[] | null } {
  const element = createElement('c-modjo-access-fixes', { is: ModjoAccessFixes }) as HTMLElement & {
    missing: MissingAccess[] | null;
  };
  element.missing = missing;
  document.body.appendChild(element);
  return element;
}

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
});

describe('c-modjo-access-fixes', () => {
  it('lists each fix under the feature it breaks, a custom permission among field accesses', async () => {
    const element = mount([FIELD, PERMISSION, OTHER]);
    const features = element.shadowRoot!.querySelectorAll('[data-id="access-feature"]');
    expect(features).toHaveLength(2);
    expect(features[0].querySelector('h3')!.textContent).toBe(FIELD.feature);
    expect([...features[0].querySelectorAll('li')].map((li) => li.textContent)).toEqual([FIELD.fix, PERMISSION.fix]);
    expect(features[1].querySelector('h3')!.textContent).toBe(OTHER.feature);
    expect(features[1].querySelectorAll('li')).toHaveLength(1);
    await expect(element).toBeAccessible();
  });

  it.each([null, []])('shows nothing when the user lacks nothing (%p)', async (missing) => {
    const element = mount(missing);
    expect(element.shadowRoot!.querySelectorAll('[data-id="access-feature"]')).toHaveLength(0);
    await expect(element).toBeAccessible();
  });
});

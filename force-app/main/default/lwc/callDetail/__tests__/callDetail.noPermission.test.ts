import { createElement } from 'lwc';
import CallDetail from 'c/callDetail';
import getCallDetail from '@salesforce/apex/CallCardsController.getCallDetail';

jest.mock(
  '@salesforce/apex/CallCardsController.getCallDetail',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
// The platform gives `undefined` for a custom permission the user lacks.
jest.mock('@salesforce/customPermission/Modjo_View_Calls', () => ({ default: undefined }), { virtual: true });

const getCallDetailMock = getCallDetail as unknown as jest.Mock & { getLastConfig(): Record<string, unknown> };

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
});

describe('c-call-detail without the Modjo User permission set', () => {
  it('queries nothing and tells the user what to ask the admin for', async () => {
    const element = createElement('c-call-detail', { is: CallDetail }) as HTMLElement & { recordId?: string };
    element.recordId = 'a03Qy0000000001AAA';
    document.body.appendChild(element);
    await Promise.resolve();

    const message = element.shadowRoot!.querySelector('[data-id="no-permission"]')!;
    expect(message.textContent).toContain('c.Cards_No_Permission_Title');
    expect(message.textContent).toContain('c.Cards_No_Permission_Body');
    expect(element.shadowRoot!.querySelector('[data-id="loading"]')).toBeNull();
    expect(getCallDetailMock.getLastConfig()?.callId).toBeUndefined();
    await expect(element).toBeAccessible();
  });
});

// Jest mock of lightning/navigation (mapped in jest.config.js) that records navigation calls.
// Tests import the helpers from this file by relative path; Jest resolves it to the same module instance.
import { createTestWireAdapter } from '@salesforce/sfdx-lwc-jest';

export interface PageReference {
  type: string;
  attributes?: Record<string, unknown>;
  state?: Record<string, unknown>;
}

export const CurrentPageReference = createTestWireAdapter();

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

let navigateCalls: { pageReference: PageReference; replace?: boolean }[] = [];

// A mixin's base must take `...args: any[]` (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- required by TypeScript's mixin rule
type Constructor = new (...args: any[]) => object;

export const NavigationMixin = Object.assign(
  <TBase extends Constructor>(Base: TBase) =>
    class extends Base {
      [Navigate](pageReference: PageReference, replace?: boolean): void {
        navigateCalls.push({ pageReference, replace });
      }

      [GenerateUrl](pageReference: PageReference): Promise<string> {
        const recordId = pageReference.attributes?.recordId;
        return Promise.resolve(`https://example.invalid/${typeof recordId === 'string' ? recordId : ''}`);
      }
    },
  { Navigate, GenerateUrl }
);

/** Every navigation requested since the last reset, oldest first. */
export function getNavigateCalls(): { pageReference: PageReference; replace?: boolean }[] {
  return [...navigateCalls];
}

/** Forgets the recorded navigations (call it in afterEach). */
export function resetNavigateCalls(): void {
  navigateCalls = [];
}

/**
 * Local stand-in for `force/navigation`, which `lightning/navigation` re-exports and which only exists inside
 * Lightning Experience. Navigating records the page reference (the workbench shows it) instead of leaving the page.
 */
import { record } from '../runtime/log';

export interface PageReference {
  type: string;
  attributes?: Record<string, unknown>;
  state?: Record<string, unknown>;
}

const NAVIGATE = Symbol('Navigate');
const GENERATE_URL = Symbol('GenerateUrl');

/** A URL that describes the target, good enough for an `href` on localhost. */
function urlFor(ref: PageReference): string {
  const attrs = ref.attributes ?? {};
  if (ref.type === 'standard__recordPage') {
    return `#/lightning/r/${String(attrs.objectApiName ?? 'sObject')}/${String(attrs.recordId)}/${String(attrs.actionName ?? 'view')}`;
  }
  if (ref.type === 'standard__webPage') {
    return String(attrs.url ?? '#');
  }
  return '#/' + encodeURIComponent(JSON.stringify(ref));
}

// A mixin's base constructor must take `any[]` (TS2545), hence the one `any` here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

function NavigationMixinImpl<T extends Constructor>(Base: T) {
  return class extends Base {
    [NAVIGATE](ref: PageReference, replace?: boolean): void {
      record('navigate', { pageReference: ref, replace: Boolean(replace), url: urlFor(ref) });
    }

    [GENERATE_URL](ref: PageReference): Promise<string> {
      return Promise.resolve(urlFor(ref));
    }
  };
}

export const NavigationMixin = Object.assign(NavigationMixinImpl, { Navigate: NAVIGATE, GenerateUrl: GENERATE_URL });

/** Wire adapter for `@wire(CurrentPageReference)`: a record page of the scenario's record. */
export class CurrentPageReference {
  constructor(private readonly dataCallback: (value: PageReference) => void) {}

  connect(): void {
    const recordId = (window as unknown as { workbenchRecordId?: string }).workbenchRecordId;
    this.dataCallback({ type: 'standard__recordPage', attributes: { recordId, actionName: 'view' }, state: {} });
  }

  update(): void {}

  disconnect(): void {}
}

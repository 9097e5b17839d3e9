/**
 * The page's data (embedded in the HTML by the build as `<script type="application/json" id="workbench-data">`)
 * and the scenario chosen by `?scenario=`. Read synchronously, so modules evaluated before any component renders
 * (custom permission imports, for example) already know the scenario.
 */
import type { ApexAnswer } from './apex';
import type { CallsServerOptions, PickerRecords } from '../mocks/callsServer';
import type { CallCardDto } from '../../force-app/main/default/lwc/modjoFormat/types';

export interface Scenario {
  id: string;
  title: string;
  description?: string;
  /** Public properties set on the component before it is inserted. */
  props?: Record<string, unknown>;
  /** Answers of mocked Apex methods, keyed `Class.method`. */
  apex?: Record<string, ApexAnswer>;
  /**
   * Data of the stand-in CallCardsController (mocks/callsServer.ts) that `{ "server": true }` answers use, and its
   * options (e.g. `summaryScanLimit`: fewer summaries read per search, to show a record with more calls than that).
   */
  server?: { calls: CallCardDto[]; records?: PickerRecords } & CallsServerOptions;
  /** UI API records for `lightning/uiRecordApi` mocks, keyed by record id. */
  records?: Record<string, unknown>;
  /** Custom and user permissions (`@salesforce/customPermission/X`); any not listed is granted. */
  permissions?: Record<string, boolean>;
  /** `narrow`: a record-page side column (about 400 px); `wide`: the main column. */
  width?: 'narrow' | 'wide';
  /** `card`: mount inside a white SLDS card, as a child component sits in its parent's card on a record page. */
  frame?: 'card';
  /** Scenario file it came from (shown on the page). */
  source?: string;
}

export interface ComponentPage {
  name: string;
  tag: string;
  scenarios: Scenario[];
}

export type PageData = { kind: 'index'; pages: ComponentPage[] } | { kind: 'component'; page: ComponentPage };

let cached: PageData | undefined;

export function pageData(): PageData {
  if (!cached) {
    const element = document.getElementById('workbench-data');
    cached = JSON.parse(element?.textContent || '{"kind":"index","pages":[]}') as PageData;
  }
  return cached;
}

/** The scenario named in `?scenario=` (default: the first), or undefined on the index page. */
export function currentScenario(): Scenario | undefined {
  const data = pageData();
  if (data.kind !== 'component') {
    return undefined;
  }
  const scenarios = data.page.scenarios.length ? data.page.scenarios : [{ id: 'default', title: 'No fixture' }];
  const wanted = new URLSearchParams(location.search).get('scenario');
  return scenarios.find((s) => s.id === wanted) ?? scenarios[0];
}

/** Value of a custom or user permission import in the current scenario (granted unless listed as false). */
export function hasPermission(name: string): boolean {
  return currentScenario()?.permissions?.[name] ?? true;
}

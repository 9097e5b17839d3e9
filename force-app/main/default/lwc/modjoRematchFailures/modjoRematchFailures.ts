/*
 * The calls whose last re-match failed (Apex Call__c.Rematch_Error__c, cleared by a successful re-match), in the
 * re-match section of the Modjo Setup page (modjoSetup): how many calls of the lookback, and the latest ones, each a
 * link to its call with when the re-match was tried and why it failed. A bundle of its own so that each stays within
 * the LWC bundle budget.
 */
import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/modjoFormat';
import REMATCH_FAILURES from '@salesforce/label/c.Setup_Rematch_Failures';
import REMATCH_NO_FAILURES from '@salesforce/label/c.Setup_Rematch_No_Failures';

/** A call whose last re-match failed. */
export interface RematchFailure {
  id: string;
  name: string;
  title: string | null;
  triedAt: string | null;
  error: string | null;
}

/**
 * The calls of the lookback whose last re-match failed (Apex ModjoHealth, `rematch.failures`): how many (`capped`
 * when Apex stopped counting at its cap), the latest ones, or why the admin cannot read them.
 */
export interface RematchFailures {
  count?: number;
  capped?: boolean;
  recent?: RematchFailure[];
  error?: string;
}

/** A failed re-match as listed: a link to the call, when, and why. */
interface RematchFailureView {
  id: string;
  href: string;
  name: string;
  triedAt: string | null;
  error: string;
}

/** The record page of a call (the same form as the call cards' links). */
export function recordHref(recordId: string): string {
  return `/lightning/r/${recordId}/view`;
}

/** What this component reads of the re-match section of the setup document (Apex ModjoHealth, `rematch`). */
export interface RematchSection {
  /** The re-match lookback (days) the failures are counted in. */
  lookbackDays: number;
  /** Absent from documents of an older package version. */
  failures?: RematchFailures;
}

export default class ModjoRematchFailures extends LightningElement {
  /** The re-match section (one attribute: the setup page's bundle is near its size budget). */
  @api rematch?: RematchSection;

  get failures(): RematchFailures | undefined {
    return this.rematch?.failures;
  }

  get errorText(): string {
    return this.failures?.error ?? '';
  }

  /** "N call(s) of the last D days could not be re-matched…", "No call … failed", or nothing (no count known). */
  get countText(): string {
    const count = this.failures?.count;
    if (count === undefined) {
      return '';
    }
    const days = this.rematch?.lookbackDays ?? '';
    if (count === 0) {
      return formatLabel(REMATCH_NO_FAILURES, days);
    }
    return formatLabel(REMATCH_FAILURES, this.failures?.capped ? `${count}+` : count, days);
  }

  get items(): RematchFailureView[] {
    return (this.failures?.recent ?? []).map((failure) => ({
      id: failure.id,
      href: recordHref(failure.id),
      name: failure.title ? `${failure.name} (${failure.title})` : failure.name,
      triedAt: failure.triedAt,
      error: failure.error ?? ''
    }));
  }

  get hasItems(): boolean {
    return this.items.length > 0;
  }
}

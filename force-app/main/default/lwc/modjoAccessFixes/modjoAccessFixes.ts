/*
 * What one user lacks, grouped by the feature it breaks, each with its fix (Apex AccessCheck entries: an object or
 * field access, or a custom permission). Used by the Modjo Setup page (modjoSetup) for each integration user and for the
 * users the inbox sweep and the re-match job run as; a bundle of its own so that modjoSetup stays within the LWC bundle budget.
 */
import { LightningElement, api } from 'lwc';
import { groupByFeature, type FeatureGroup, type MissingAccess } from 'c/modjoFormat';

export default class ModjoAccessFixes extends LightningElement {
  /** The accesses the user lacks (null or empty: nothing is shown). */
  @api missing: MissingAccess[] | null = null;

  get groups(): FeatureGroup[] {
    return groupByFeature(this.missing);
  }
}

/*
 * Modjo suggestions on an Account, Contact, Lead or Opportunity page: the record's pending CRM filling answers
 * (CrmSuggestionsController.getSuggestions, wired), each with the field label, current → suggested value, the quote
 * and a link to the moment in Modjo. Accept writes the value as the rep (user mode, server side) and marks the
 * suggestion Accepted; Reject marks it Rejected. After a decision the list is refreshed (refreshApex) and, after an
 * accept, the record page's Lightning Data Service cache is told the record changed (notifyRecordUpdateAvailable),
 * so the record's fields show the new value without a reload.
 */
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import getSuggestions from '@salesforce/apex/CrmSuggestionsController.getSuggestions';
import acceptSuggestion from '@salesforce/apex/CrmSuggestionsController.accept';
import rejectSuggestion from '@salesforce/apex/CrmSuggestionsController.reject';
import { errorMessage, playerUrl } from 'c/modjoFormat';
import TITLE from '@salesforce/label/c.Crm_Suggestions_Title';
import EMPTY from '@salesforce/label/c.Crm_Suggestions_Empty';
import ACCEPT from '@salesforce/label/c.Crm_Suggestions_Accept';
import REJECT from '@salesforce/label/c.Crm_Suggestions_Reject';
import CURRENT from '@salesforce/label/c.Crm_Suggestions_Current';
import SUGGESTED from '@salesforce/label/c.Crm_Suggestions_Suggested';
import OPEN_MOMENT from '@salesforce/label/c.Crm_Suggestions_Open_Moment';
import ERROR_TITLE from '@salesforce/label/c.Crm_Suggestions_Error_Title';
import BLANK from '@salesforce/label/c.Crm_Suggestions_Blank';
import LOADING from '@salesforce/label/c.Cards_Loading';

/** One suggestion as CrmSuggestionsController returns it (CrmSuggestionDto). */
export interface CrmSuggestionDto {
  id: string;
  fieldLabel: string;
  fieldName: string;
  currentValue?: string | null;
  suggestedValue?: string | null;
  quote?: string | null;
  speaker?: string | null;
  momentSecond?: number | null;
  callUrl?: string | null;
  /** Allowed Link Hosts entries: callUrl becomes a link only when it is https to one of them (modjoFormat.safeUrl). */
  allowedLinkHosts?: string[] | null;
  callName?: string | null;
  confidence?: number | null;
}

interface SuggestionView {
  id: string;
  fieldLabel: string;
  currentValue: string;
  suggestedValue: string;
  quote?: string;
  speaker?: string;
  momentHref?: string;
  acceptLabel: string;
  rejectLabel: string;
  busy: boolean;
}

interface Wired {
  data?: CrmSuggestionDto[];
  error?: unknown;
}

export default class CrmSuggestions extends LightningElement {
  @api recordId?: string;

  labels = {
    title: TITLE,
    empty: EMPTY,
    current: CURRENT,
    suggested: SUGGESTED,
    openMoment: OPEN_MOMENT,
    errorTitle: ERROR_TITLE,
    loading: LOADING
  };
  suggestions: CrmSuggestionDto[] = [];
  loaded = false;
  error?: string;
  busyId?: string;
  private wired?: Wired;

  @wire(getSuggestions, { recordId: '$recordId' })
  receive(result: Wired): void {
    this.wired = result;
    if (result.data) {
      this.suggestions = result.data;
      this.error = undefined;
      this.loaded = true;
    } else if (result.error) {
      this.error = errorMessage(result.error, ERROR_TITLE);
      this.loaded = true;
    }
  }

  get views(): SuggestionView[] {
    return this.suggestions.map((s) => ({
      id: s.id,
      fieldLabel: s.fieldLabel,
      currentValue: s.currentValue || BLANK,
      suggestedValue: s.suggestedValue || BLANK,
      quote: s.quote ?? undefined,
      speaker: s.speaker ?? undefined,
      momentHref: playerUrl(s.callUrl, s.momentSecond, s.allowedLinkHosts),
      acceptLabel: `${ACCEPT}: ${s.fieldLabel}`,
      rejectLabel: `${REJECT}: ${s.fieldLabel}`,
      busy: this.busyId === s.id
    }));
  }

  get acceptText(): string {
    return ACCEPT;
  }

  get rejectText(): string {
    return REJECT;
  }

  get isEmpty(): boolean {
    return this.loaded && !this.error && this.suggestions.length === 0;
  }

  get isLoading(): boolean {
    return !this.loaded;
  }

  async handleAccept(event: Event): Promise<void> {
    await this.decide(event, true);
  }

  async handleReject(event: Event): Promise<void> {
    await this.decide(event, false);
  }

  private async decide(event: Event, accept: boolean): Promise<void> {
    const id = (event.currentTarget as HTMLElement).dataset.suggestionId;
    if (!id || this.busyId) {
      return;
    }
    this.busyId = id;
    this.error = undefined;
    try {
      if (accept) {
        await acceptSuggestion({ answerId: id });
        if (this.recordId) {
          await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
        }
      } else {
        await rejectSuggestion({ answerId: id });
      }
      this.suggestions = this.suggestions.filter((s) => s.id !== id);
      if (this.wired) {
        await refreshApex(this.wired);
      }
    } catch (error) {
      this.error = errorMessage(error, ERROR_TITLE);
    } finally {
      this.busyId = undefined;
    }
  }
}

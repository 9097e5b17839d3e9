/*
 * The opened part of a call card (callCard renders it only when the row is open, so a list of compact rows
 * creates none): next steps, key moments by category, topics with their count and first moment, the summary,
 * the people (external first), tags, the match explanation, the match fix (when the user may), the footer links.
 */
import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { isModifiedClick, recordPageOf, type CallCardDto } from 'c/modjoFormat';
import { CARD_LABELS, SHOW_LESS, SHOW_MORE, type CardView, type MomentSection } from 'c/callView';

export default class CallCardBody extends NavigationMixin(LightningElement) {
  /** The call (for the match fix) and what the card shows of it (built once by callCard). */
  @api call?: CallCardDto;
  @api view?: CardView;
  /** `list` or `detail` (see callCard). */
  @api variant = 'list';
  @api showHighlights = false;
  @api hideParticipants = false;
  @api topicFilter = false;
  @api isDeleted = false;
  /** Lightning URL of the Call record page (GenerateUrl in callCard). */
  @api callUrl = '';

  labels = CARD_LABELS;
  summaryOpen = false;

  get isList(): boolean {
    return this.variant !== 'detail';
  }

  /** Next steps always; key moments with the "Show key moments" design attribute or on the Call page. */
  get momentSections(): MomentSection[] {
    const sections: MomentSection[] = [];
    if (this.view?.nextSteps) {
      sections.push(this.view.nextSteps);
    }
    if (this.view?.keyMoments && (this.showHighlights || !this.isList)) {
      sections.push(this.view.keyMoments);
    }
    return sections;
  }

  get participantsVisible(): boolean {
    return !!this.view?.hasParticipants && !this.hideParticipants;
  }

  get canFixMatch(): boolean {
    return this.call?.canFixMatch === true;
  }

  get modjoUrl(): string | undefined {
    return this.isDeleted ? undefined : this.view?.modjoUrl;
  }

  get showFooter(): boolean {
    return this.isList || !!this.modjoUrl;
  }

  get summaryClass(): string {
    return this.view?.isLongSummary && !this.summaryOpen ? 'summary summary_collapsed' : 'summary';
  }

  /** The whole summary once expanded; a preview while collapsed (the line clamp shows three lines of it). */
  get summaryText(): string {
    return this.summaryOpen ? (this.view?.summary ?? '') : (this.view?.summaryPreview ?? '');
  }

  get summaryToggleLabel(): string {
    return this.summaryOpen ? SHOW_LESS : SHOW_MORE;
  }

  get summaryExpanded(): string {
    return String(this.summaryOpen);
  }

  handleToggleSummary(): void {
    this.summaryOpen = !this.summaryOpen;
  }

  /** A topic chip of the list: asks callList (through callCard) to filter every call of the record by it. */
  handleTopic(event: Event): void {
    const topic = (event.currentTarget as HTMLElement | null)?.dataset.topic;
    if (topic) {
      this.dispatchEvent(new CustomEvent('topicselect', { detail: { topic } }));
    }
  }

  handleCallUpdated(event: CustomEvent<{ call: CallCardDto }>): void {
    event.stopPropagation();
    this.dispatchEvent(new CustomEvent('callupdated', { detail: event.detail }));
  }

  /** Opens the Call record page in Lightning; Ctrl/Cmd/Shift/middle click keeps the browser's new tab. */
  handleOpenCall(event: Event): void {
    if (!this.call || isModifiedClick(event)) {
      return;
    }
    event.preventDefault();
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId: this.call.id, objectApiName: 'Call__c', actionName: 'view' }
    });
  }

  /** Opens the Contact, Lead or User a participant was matched to (modified clicks: the browser's new tab). */
  handleOpenParticipant(event: Event): void {
    const page = isModifiedClick(event) ? undefined : recordPageOf(event);
    if (page) {
      event.preventDefault();
      this[NavigationMixin.Navigate](page);
    }
  }
}

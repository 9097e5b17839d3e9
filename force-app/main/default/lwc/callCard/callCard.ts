/*
 * One Modjo call or meeting. Used by callList (variant "list") and callDetail (variant "detail").
 * Every text from the call is bound as text (never as HTML); every link built from call data goes through
 * modjoFormat.safeUrl. The card renders plain SLDS markup (one base component, the icon) to keep 50 cards fast;
 * what it shows is computed once per call in ./cardView.
 */
import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { recordPageOf, type CallCardDto } from 'c/modjoFormat';
import { buildView, CARD_LABELS, SHOW_LESS, SHOW_MORE, type CardView } from './cardView';

export default class CallCard extends NavigationMixin(LightningElement) {
  /** Show the highlights (callList's "Show highlights" design attribute; always on in the detail variant). */
  @api showHighlights = false;
  /** Hide the participants line (callDetail shows them in a table of its own). */
  @api hideParticipants = false;

  labels = CARD_LABELS;

  view?: CardView;
  expanded = false;
  private callValue?: CallCardDto;
  private variantValue = 'list';

  /** `list` (default): summary collapsed, first highlights; `detail`: whole summary, every highlight. */
  @api
  get variant(): string {
    return this.variantValue;
  }
  set variant(value: string) {
    this.variantValue = value === 'detail' ? 'detail' : 'list';
    this.rebuild();
  }

  /** The call to show (a `CallCardDto` from CallCardsController). */
  @api
  get call(): CallCardDto | undefined {
    return this.callValue;
  }
  set call(value: CallCardDto | undefined) {
    this.callValue = value;
    this.expanded = false;
    this.rebuild();
  }

  private rebuild(): void {
    this.view = this.callValue ? buildView(this.callValue, this.variantValue === 'detail') : undefined;
  }

  get highlightsVisible(): boolean {
    return !!this.view?.hasHighlights && (this.showHighlights || this.variant === 'detail');
  }

  get participantsVisible(): boolean {
    return !!this.view?.hasParticipants && !this.hideParticipants;
  }

  get summaryClass(): string {
    return this.view?.isLongSummary && !this.expanded ? 'summary summary_collapsed' : 'summary';
  }

  /** The whole summary once expanded; a preview while collapsed (the line clamp shows three lines of it). */
  get summaryText(): string {
    return this.expanded ? (this.view?.summary ?? '') : (this.view?.summaryPreview ?? '');
  }

  get toggleLabel(): string {
    return this.expanded ? SHOW_LESS : SHOW_MORE;
  }

  get ariaExpanded(): string {
    return String(this.expanded);
  }

  handleToggleSummary(): void {
    this.expanded = !this.expanded;
  }

  /** Opens the Call record page in Lightning (the href stays for open-in-new-tab). */
  handleOpenCall(event: Event): void {
    if (!this.callValue) {
      return;
    }
    event.preventDefault();
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId: this.callValue.id, actionName: 'view' }
    });
  }

  /** Opens the Contact, Lead or User a participant was matched to. */
  handleOpenParticipant(event: Event): void {
    const page = recordPageOf(event);
    if (page) {
      event.preventDefault();
      this[NavigationMixin.Navigate](page);
    }
  }
}

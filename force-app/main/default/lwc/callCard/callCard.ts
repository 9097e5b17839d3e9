/*
 * One Modjo call or meeting. Used by callList (variant "list") and callDetail (variant "detail").
 * - List variant: one compact row (kind icon, title, relative date with the absolute date on hover and focus,
 *   duration, the external people, a play control) that expands in place; `display="expanded"` starts it open.
 * - Detail variant: always open, no row toggle (the Call record page shows everything).
 * Every text from the call is bound as text (never as HTML); every link built from call data goes through
 * modjoFormat.safeUrl. What it shows is computed once per call (c/callView); the opened part is c-call-card-body,
 * created only when the row opens, so 50 compact rows stay cheap.
 */
import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { type CallCardDto } from 'c/modjoFormat';
import { buildView, CARD_LABELS, type CardView } from 'c/callView';

export default class CallCard extends NavigationMixin(LightningElement) {
  /** Show the key moments (callList's "Show highlights" design attribute; always on in the detail variant). */
  @api showHighlights = false;
  /** Hide the people block (callDetail shows them in a table of its own). */
  @api hideParticipants = false;
  /** Topic chips are buttons that filter the list by that topic (callList); plain chips otherwise. */
  @api topicFilter = false;
  /** The call was deleted in Modjo: no link to the Modjo player. */
  @api isDeleted = false;

  labels = CARD_LABELS;

  view?: CardView;
  open = false;
  /** Lightning URL of the Call record page (NavigationMixin.GenerateUrl), so Ctrl/Cmd-click opens a new tab. */
  callUrl = '';
  private callValue?: CallCardDto;
  private variantValue = 'list';
  private displayValue = 'compact';

  /** `list` (default): a compact row; `detail`: everything, open. */
  @api
  get variant(): string {
    return this.variantValue;
  }
  set variant(value: string) {
    this.variantValue = value === 'detail' ? 'detail' : 'list';
    this.rebuild();
  }

  /** `compact` (default): the row only until expanded; `expanded`: the row starts open. */
  @api
  get display(): string {
    return this.displayValue;
  }
  set display(value: string) {
    this.displayValue = value === 'expanded' ? 'expanded' : 'compact';
    this.open = this.displayValue === 'expanded';
  }

  /** The call to show (a `CallCardDto` from CallCardsController). */
  @api
  get call(): CallCardDto | undefined {
    return this.callValue;
  }
  set call(value: CallCardDto | undefined) {
    const same = !!value && value.id === this.callValue?.id;
    this.callValue = value;
    if (!same) {
      this.callUrl = value ? `/lightning/r/${value.id}/view` : '';
      this.generateCallUrl();
    }
    this.rebuild();
  }

  /** Moves the keyboard focus to the row (callList does it for the first call a "View more" added). */
  @api
  focusRow(): void {
    const target = this.template?.querySelector<HTMLElement>('[data-id="toggle-row"]');
    target?.focus();
  }

  private rebuild(): void {
    this.view = this.callValue ? buildView(this.callValue, this.isDetail, Date.now()) : undefined;
  }

  private generateCallUrl(): void {
    const call = this.callValue;
    if (!call || typeof this[NavigationMixin.GenerateUrl] !== 'function') {
      return;
    }
    this[NavigationMixin.GenerateUrl]({
      type: 'standard__recordPage',
      attributes: { recordId: call.id, objectApiName: 'Call__c', actionName: 'view' }
    })
      .then((url) => {
        if (url && this.callValue?.id === call.id) {
          this.callUrl = url;
        }
      })
      .catch(() => {
        // The record URL built in `call` stays: still a working link.
      });
  }

  get isDetail(): boolean {
    return this.variantValue === 'detail';
  }

  get isList(): boolean {
    return !this.isDetail;
  }

  get isToggleable(): boolean {
    return this.isList;
  }

  get isOpen(): boolean {
    return this.isDetail || this.open;
  }

  get articleClass(): string {
    return this.isOpen ? 'call call_open' : 'call';
  }

  get ariaExpanded(): string {
    return String(this.open);
  }

  /** Relative in a list ("3 days ago"), absolute on the Call page. */
  get dateText(): string {
    return this.isRelative ? (this.view?.relativeDate ?? '') : (this.view?.startedAt ?? '');
  }

  get isRelative(): boolean {
    return this.isList && !!this.view?.relativeDate;
  }

  get playUrl(): string | undefined {
    return this.isDeleted ? undefined : this.view?.modjoUrl;
  }

  handleToggle(): void {
    this.open = !this.open;
  }

  /** A topic chip of the body: asks callList to filter every call of the record by that topic. */
  handleTopic(event: CustomEvent<{ topic: string }>): void {
    this.dispatchEvent(new CustomEvent('topicselect', { detail: event.detail }));
  }

  /** The match was fixed (c-match-fix): show the call the server sent back and tell the list. */
  handleCallUpdated(event: CustomEvent<{ call: CallCardDto }>): void {
    const call = event.detail?.call;
    if (call) {
      this.callValue = call;
      this.rebuild();
      this.dispatchEvent(new CustomEvent('callupdated', { detail: { call } }));
    }
  }
}

/*
 * Fix a match from the card (issue 12 item 5). Shown by callCard and callDetail only when the server says the user
 * may (`CallCardDto.canFixMatch`: the Modjo_Fix_Matches custom permission; the server checks it again).
 * - An Unmatched or Ambiguous external participant: pick the right Contact or Lead (lightning-record-picker) and
 *   link it (CallCardsController.linkParticipant, written as a hand-set link), or open the standard New Contact page
 *   with the participant's name, email, phone and the call's Account filled in.
 * - The call's Account and Opportunity: pick either and save (CallCardsController.linkCallRecords; null = unchanged).
 * The server answers with the updated card, sent up as `callupdated` ({ call }).
 */
import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { encodeDefaultFieldValues } from 'lightning/pageReferenceUtils';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import linkParticipant from '@salesforce/apex/CallCardsController.linkParticipant';
import linkCallRecords from '@salesforce/apex/CallCardsController.linkCallRecords';
import { errorMessage, formatLabel, type CallCardDto, type CallParticipantDto } from 'c/modjoFormat';
import FIX_TITLE from '@salesforce/label/c.Cards_Fix_Title';
import FIX_OPEN from '@salesforce/label/c.Cards_Fix_Open';
import FIX_PICK from '@salesforce/label/c.Cards_Fix_Pick';
import FIX_KIND from '@salesforce/label/c.Cards_Fix_Kind';
import FIX_LINK from '@salesforce/label/c.Cards_Fix_Link';
import FIX_NEW_CONTACT from '@salesforce/label/c.Cards_Fix_New_Contact';
import FIX_ACCOUNT from '@salesforce/label/c.Cards_Fix_Account';
import FIX_OPPORTUNITY from '@salesforce/label/c.Cards_Fix_Opportunity';
import FIX_SAVE_RECORDS from '@salesforce/label/c.Cards_Fix_Save_Records';
import FIX_SAVED from '@salesforce/label/c.Cards_Fix_Saved';
import FIX_ERROR from '@salesforce/label/c.Cards_Fix_Error';
import OBJECT_CONTACT from '@salesforce/label/c.Cards_Object_Contact';
import OBJECT_LEAD from '@salesforce/label/c.Cards_Object_Lead';
import STATUS_AMBIGUOUS from '@salesforce/label/c.Cards_Status_Ambiguous';
import STATUS_UNMATCHED from '@salesforce/label/c.Cards_Status_Unmatched';

/** Participant match statuses the rep can fix (CallParticipantDto.matchStatus). */
const FIXABLE: Record<string, string> = { Ambiguous: STATUS_AMBIGUOUS, Unmatched: STATUS_UNMATCHED };

interface FixRow {
  key: string;
  id: string;
  name: string;
  status: string;
  objectApiName: string;
  pickLabel: string;
  selectedId?: string;
  cannotLink: boolean;
}

interface PickerChange {
  recordId?: string | null;
}

function rowOf(participant: CallParticipantDto): FixRow {
  const name = participant.name || participant.email || participant.phone || '—';
  return {
    key: participant.id,
    id: participant.id,
    name,
    status: FIXABLE[participant.matchStatus ?? ''] ?? '',
    objectApiName: 'Contact',
    pickLabel: formatLabel(FIX_PICK, name),
    cannotLink: true
  };
}

/** "Zoé Lefèvre" → FirstName "Zoé", LastName "Lefèvre"; one word → LastName only (Contact.LastName is required). */
function splitName(name: string | null | undefined): { FirstName?: string; LastName?: string } {
  const words = (name ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => !!w);
  if (words.length < 2) {
    return { LastName: words[0] };
  }
  return { FirstName: words.slice(0, -1).join(' '), LastName: words[words.length - 1] };
}

export default class MatchFix extends NavigationMixin(LightningElement) {
  labels = {
    title: FIX_TITLE,
    open: FIX_OPEN,
    kind: FIX_KIND,
    link: FIX_LINK,
    newContact: FIX_NEW_CONTACT,
    account: FIX_ACCOUNT,
    opportunity: FIX_OPPORTUNITY,
    saveRecords: FIX_SAVE_RECORDS
  };
  kindOptions = [
    { label: OBJECT_CONTACT, value: 'Contact' },
    { label: OBJECT_LEAD, value: 'Lead' }
  ];

  open = false;
  busy = false;
  errorText = '';
  rows: FixRow[] = [];
  accountId?: string;
  opportunityId?: string;
  private callValue?: CallCardDto;

  /** The call whose match is fixed (a `CallCardDto`; `canFixMatch` is checked by the caller and by Apex). */
  @api
  get call(): CallCardDto | undefined {
    return this.callValue;
  }
  set call(value: CallCardDto | undefined) {
    this.callValue = value;
    this.rows = (value?.participants ?? [])
      .filter((p) => p.isInternal !== true && (p.matchStatus ?? '') in FIXABLE)
      .map(rowOf);
    this.accountId = value?.accountId ?? undefined;
    this.opportunityId = value?.opportunityId ?? undefined;
  }

  get hasRows(): boolean {
    return this.rows.length > 0;
  }

  get ariaExpanded(): string {
    return String(this.open);
  }

  get hasError(): boolean {
    return this.errorText.length > 0;
  }

  /** Opportunities of the chosen Account only (all of them when no Account is set). */
  get opportunityFilter(): object | undefined {
    return this.accountId
      ? { criteria: [{ fieldPath: 'AccountId', operator: 'eq', value: this.accountId }] }
      : undefined;
  }

  get cannotSaveRecords(): boolean {
    const call = this.callValue;
    const changed =
      (this.accountId ?? null) !== (call?.accountId ?? null) ||
      (this.opportunityId ?? null) !== (call?.opportunityId ?? null);
    return this.busy || !changed;
  }

  handleOpen(): void {
    this.open = !this.open;
  }

  handleKind(event: CustomEvent<{ value: string }>): void {
    const id = (event.currentTarget as HTMLElement).dataset.participant;
    this.updateRow(id, { objectApiName: event.detail.value, selectedId: undefined, cannotLink: true });
  }

  handlePick(event: CustomEvent<PickerChange>): void {
    const id = (event.currentTarget as HTMLElement).dataset.participant;
    const selectedId = event.detail?.recordId ?? undefined;
    this.updateRow(id, { selectedId, cannotLink: !selectedId });
  }

  handlePickAccount(event: CustomEvent<PickerChange>): void {
    this.accountId = event.detail?.recordId ?? undefined;
  }

  handlePickOpportunity(event: CustomEvent<PickerChange>): void {
    this.opportunityId = event.detail?.recordId ?? undefined;
  }

  async handleLink(event: Event): Promise<void> {
    const row = this.rows.find((r) => r.id === (event.currentTarget as HTMLElement).dataset.participant);
    if (!row?.selectedId) {
      return;
    }
    await this.save(() => linkParticipant({ participantId: row.id, recordId: row.selectedId as string }));
  }

  async handleSaveRecords(): Promise<void> {
    const call = this.callValue;
    if (!call) {
      return;
    }
    const accountId = this.accountId !== (call.accountId ?? undefined) ? (this.accountId ?? null) : null;
    const opportunityId =
      this.opportunityId !== (call.opportunityId ?? undefined) ? (this.opportunityId ?? null) : null;
    await this.save(() => linkCallRecords({ callId: call.id, accountId, opportunityId }));
  }

  /** The standard New Contact page, filled from the participant and the call's Account. */
  handleNewContact(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.participant;
    const participant = (this.callValue?.participants ?? []).find((p) => p.id === id);
    if (!participant) {
      return;
    }
    const defaults: Record<string, string> = {};
    const values = {
      ...splitName(participant.name),
      Email: participant.email ?? undefined,
      Phone: participant.phone ?? undefined,
      AccountId: this.callValue?.accountId ?? undefined
    };
    for (const [field, value] of Object.entries(values)) {
      if (value) {
        defaults[field] = value;
      }
    }
    this[NavigationMixin.Navigate]({
      type: 'standard__objectPage',
      attributes: { objectApiName: 'Contact', actionName: 'new' },
      state: { defaultFieldValues: encodeDefaultFieldValues(defaults), navigationLocation: 'RELATED_LIST' }
    });
  }

  private updateRow(id: string | undefined, change: Partial<FixRow>): void {
    this.rows = this.rows.map((row) => (row.id === id ? { ...row, ...change } : row));
  }

  private async save(request: () => Promise<CallCardDto>): Promise<void> {
    this.busy = true;
    this.errorText = '';
    try {
      const call = await request();
      this.dispatchEvent(new ShowToastEvent({ title: FIX_SAVED, variant: 'success' }));
      this.dispatchEvent(new CustomEvent('callupdated', { detail: { call } }));
    } catch (error) {
      this.errorText = errorMessage(error, FIX_ERROR);
    } finally {
      this.busy = false;
    }
  }
}

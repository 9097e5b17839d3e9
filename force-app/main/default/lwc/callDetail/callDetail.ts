/*
 * The whole Modjo call on its record page: the card (next steps, key moments, whole summary), the linked records,
 * every participant with their match, the comments and the notes. Reads CallCardsController.getCallDetail.
 * Current: Lightning Data Service tells the page when the Call record changes (getRecord on its LastModifiedDate,
 * e.g. after an edit, a re-sync or a match fixed elsewhere) and the detail is refreshed with refreshApex; a
 * `lightning/refresh` RefreshEvent does the same.
 */
import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { getRecord, getFieldValue, type RecordRepresentation } from 'lightning/uiRecordApi';
import { registerRefreshHandler, unregisterRefreshHandler } from 'lightning/refresh';
import { refreshApex } from '@salesforce/apex';
import getCallDetail from '@salesforce/apex/CallCardsController.getCallDetail';
import LAST_MODIFIED from '@salesforce/schema/Call__c.LastModifiedDate';
import hasViewCalls from '@salesforce/customPermission/Modjo_View_Calls';
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import {
  errorMessage,
  formatDateTime,
  formatLabel,
  formatOffset,
  isModifiedClick,
  playerUrl,
  recordPageOf,
  type CallDetailDto
} from 'c/modjoFormat';
import { matchStatusLabel } from 'c/callView';
import DETAIL_TITLE from '@salesforce/label/c.Cards_Detail_Title';
import LOADING from '@salesforce/label/c.Cards_Loading';
import ERROR_TITLE from '@salesforce/label/c.Cards_Error_Title';
import NO_PERMISSION_TITLE from '@salesforce/label/c.Cards_No_Permission_Title';
import NO_PERMISSION_BODY from '@salesforce/label/c.Cards_No_Permission_Body';
import DELETED from '@salesforce/label/c.Cards_Deleted_In_Modjo';
import LINKED_RECORDS from '@salesforce/label/c.Cards_Linked_Records';
import PARTICIPANTS from '@salesforce/label/c.Cards_Participants';
import NAME from '@salesforce/label/c.Cards_Name';
import MATCH_STATUS from '@salesforce/label/c.Cards_Match_Status';
import MATCH_EXPLANATION from '@salesforce/label/c.Cards_Match_Explanation';
import INTERNAL from '@salesforce/label/c.Cards_Internal';
import OPEN_RECORD from '@salesforce/label/c.Cards_Open_Record';
import COMMENTS from '@salesforce/label/c.Cards_Comments';
import NO_COMMENTS from '@salesforce/label/c.Cards_No_Comments';
import AT_TIME from '@salesforce/label/c.Cards_At_Time';
import PLAY_AT from '@salesforce/label/c.Cards_Play_At';
import NEW_TAB from '@salesforce/label/c.Cards_New_Tab';
import NOTES from '@salesforce/label/c.Cards_Notes';
import NO_NOTES from '@salesforce/label/c.Cards_No_Notes';

interface WiredDetail {
  data?: CallDetailDto;
  error?: unknown;
}

interface LinkView {
  key: string;
  recordId: string;
  objectApiName: string;
  name: string;
  href: string;
}

interface ParticipantRow {
  key: string;
  name: string;
  /** E-mail, then phone: each kept whole on its line (never broken at a hyphen or a dot). */
  contacts: Array<{ key: string; text: string; dot: boolean }>;
  recordId?: string;
  objectApiName: string;
  href?: string;
  linkTitle: string;
  status: string;
  /** The match explanation, its e-mail addresses apart so that each stays whole on its line. */
  explanation: Array<{ key: string; text: string; className: string }>;
  isInternal: boolean;
}

interface CommentView {
  key: string;
  author: string;
  text: string;
  date: string;
  at: string;
  href?: string;
  playLabel: string;
  /** A "·" after the date: only when the moment follows it, so a wrapped line never starts with one. */
  dateDot: boolean;
}

interface WiredRecord {
  data?: RecordRepresentation;
  error?: unknown;
}

function recordHref(recordId: string): string {
  return `/lightning/r/${recordId}/view`;
}

function linkViews(detail: CallDetailDto): LinkView[] {
  return (detail.links ?? []).map((link) => ({
    key: link.recordId,
    recordId: link.recordId,
    objectApiName: link.objectApiName ?? '',
    name: link.name || link.recordId,
    href: recordHref(link.recordId)
  }));
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** Text split around its e-mail addresses: each address in a part of its own that the CSS never breaks. */
function textWithWholeEmails(text: string): ParticipantRow['explanation'] {
  const parts: ParticipantRow['explanation'] = [];
  let at = 0;
  for (const match of text.matchAll(EMAIL)) {
    const start = match.index ?? 0;
    if (start > at) parts.push({ key: `t${at}`, text: text.slice(at, start), className: '' });
    parts.push({ key: `e${start}`, text: match[0], className: 'nowrap' });
    at = start + match[0].length;
  }
  if (at < text.length) parts.push({ key: `t${at}`, text: text.slice(at), className: '' });
  return parts;
}

function participantRows(detail: CallDetailDto): ParticipantRow[] {
  return (detail.call?.participants ?? []).map((participant, index) => {
    const name = participant.name || participant.recordName || participant.email || participant.phone || '—';
    const recordId = participant.recordId ?? undefined;
    return {
      key: participant.id || `participant-${index}`,
      name,
      contacts: [participant.email, participant.phone]
        .filter((value): value is string => !!value)
        .map((text, i, all) => ({ key: `c${i}`, text, dot: i < all.length - 1 })),
      recordId,
      objectApiName: participant.recordObjectApiName ?? '',
      href: recordId ? recordHref(recordId) : undefined,
      linkTitle: formatLabel(OPEN_RECORD, participant.recordName || name),
      status: matchStatusLabel(participant.matchStatus),
      explanation: textWithWholeEmails(participant.matchExplanation ?? ''),
      isInternal: participant.isInternal === true
    };
  });
}

function commentViews(detail: CallDetailDto): CommentView[] {
  const callUrl = detail.call?.modjoUrl;
  const hosts = detail.call?.allowedLinkHosts;
  return (detail.comments ?? []).map((comment, index) => {
    const time = formatOffset(comment.atSecond);
    return {
      key: `comment-${index}`,
      author: comment.author ?? '',
      text: comment.text ?? '',
      date: formatDateTime(comment.createdAt, LOCALE, TIME_ZONE),
      at: time ? formatLabel(AT_TIME, time) : '',
      href: time ? playerUrl(callUrl, comment.atSecond, hosts) : undefined,
      playLabel: time ? `${formatLabel(PLAY_AT, time)} ${NEW_TAB}` : '',
      dateDot: !!time
    };
  });
}

export default class CallDetail extends NavigationMixin(LightningElement) {
  /** Record id given to the wire; stays undefined (no query) without the custom permission. */
  queryCallId?: string;
  private recordIdValue?: string;

  /** The Call__c record id (set by the record page). */
  @api
  get recordId(): string | undefined {
    return this.recordIdValue;
  }
  set recordId(value: string | undefined) {
    this.recordIdValue = value;
    this.queryCallId = this.hasPermission ? value : undefined;
  }

  labels = {
    title: DETAIL_TITLE,
    loading: LOADING,
    errorTitle: ERROR_TITLE,
    noPermissionTitle: NO_PERMISSION_TITLE,
    noPermissionBody: NO_PERMISSION_BODY,
    deleted: DELETED,
    linkedRecords: LINKED_RECORDS,
    participants: PARTICIPANTS,
    name: NAME,
    matchStatus: MATCH_STATUS,
    matchExplanation: MATCH_EXPLANATION,
    internal: INTERNAL,
    comments: COMMENTS,
    noComments: NO_COMMENTS,
    notes: NOTES,
    noNotes: NO_NOTES
  };

  detail?: CallDetailDto;
  links: LinkView[] = [];
  participants: ParticipantRow[] = [];
  comments: CommentView[] = [];
  errorText = '';
  loaded = false;
  private wiredValue?: WiredDetail;
  private lastModified?: unknown;
  private refreshHandlerId?: unknown;

  /** The platform gives `true` with the custom permission, `undefined` without it. */
  get hasPermission(): boolean {
    return Boolean(hasViewCalls);
  }

  connectedCallback(): void {
    this.refreshHandlerId = registerRefreshHandler(this, this.refreshHandler.bind(this));
  }

  disconnectedCallback(): void {
    unregisterRefreshHandler(this.refreshHandlerId);
  }

  /** LDS: the Call record changed (edit, re-sync, a match fixed in another tab): read the detail again. */
  @wire(getRecord, { recordId: '$queryCallId', fields: [LAST_MODIFIED] })
  wiredRecord({ data }: WiredRecord): void {
    if (!data) {
      return;
    }
    const modified = getFieldValue(data, LAST_MODIFIED);
    const changed = this.lastModified !== undefined && modified !== this.lastModified;
    this.lastModified = modified;
    if (changed) {
      this.refresh().catch(() => undefined);
    }
  }

  @wire(getCallDetail, { callId: '$queryCallId' })
  wiredDetail(value: WiredDetail): void {
    this.wiredValue = value;
    const { data, error } = value;
    if (data) {
      this.detail = data;
      this.links = linkViews(data);
      this.participants = participantRows(data);
      this.comments = commentViews(data);
      this.errorText = '';
      this.loaded = true;
    } else if (error) {
      this.detail = undefined;
      this.links = [];
      this.participants = [];
      this.comments = [];
      this.errorText = errorMessage(error, ERROR_TITLE);
      this.loaded = true;
    }
  }

  get isLoading(): boolean {
    return this.hasPermission && !this.loaded;
  }

  get hasError(): boolean {
    return this.errorText.length > 0;
  }

  get hasLinks(): boolean {
    return this.links.length > 0;
  }

  get hasParticipants(): boolean {
    return this.participants.length > 0;
  }

  get hasComments(): boolean {
    return this.comments.length > 0;
  }

  get notes(): string {
    return this.detail?.notes ?? '';
  }

  get isDeleted(): boolean {
    return this.detail?.isDeleted === true;
  }

  /** "Comments (3)": the heading counts what the section lists. */
  get commentsHeading(): string {
    return this.comments.length ? `${COMMENTS} (${this.comments.length})` : COMMENTS;
  }

  /** A match fixed from the card: the server changed the call, its links and its participants. */
  handleCallUpdated(): Promise<void> {
    return this.refresh();
  }

  private async refreshHandler(): Promise<boolean> {
    await this.refresh();
    return !this.hasError;
  }

  private async refresh(): Promise<void> {
    if (this.wiredValue) {
      await refreshApex(this.wiredValue);
    }
  }

  handleOpenRecord(event: Event): void {
    const page = isModifiedClick(event) ? undefined : recordPageOf(event);
    if (page) {
      event.preventDefault();
      this[NavigationMixin.Navigate](page);
    }
  }
}

/*
 * TypeScript mirror of the Apex DTOs in force-app/main/default/classes/cards/ (what CallCardsController returns).
 * tests/contract/cards-dto.test.ts parses both sides and fails when a field is added, removed or retyped on one side
 * only. Type mapping: Id/String -> string, Integer/Decimal -> number, Boolean -> boolean, Datetime -> string
 * (ISO 8601, UTC), List<X> -> X[]. Any Apex field may come back null or be left out, hence `?:` and `| null`.
 */

/** `CallParticipantDto`: one participant; `recordId` is the matched Contact, Lead or User. */
export interface CallParticipantDto {
  id: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  isInternal?: boolean | null;
  matchStatus?: string | null;
  matchExplanation?: string | null;
  recordId?: string | null;
  recordName?: string | null;
  recordObjectApiName?: string | null;
}

/** `CallTopicDto`: a topic detected in the call. */
export interface CallTopicDto {
  id: string;
  name?: string | null;
  occurrences?: number | null;
  firstSecond?: number | null;
}

/** `CallHighlightDto`: a highlight; the card opens the Modjo player at `startSecond`. */
export interface CallHighlightDto {
  id: string;
  text?: string | null;
  startSecond?: number | null;
  endSecond?: number | null;
  speaker?: string | null;
  category?: string | null;
}

/** `CallExplanationLineDto`: one line of a match explanation, `Modjo_Match_<code>` filled with `params` ({0}, {1}…). */
export interface CallExplanationLineDto {
  code: string;
  params?: string[] | null;
}

/** `CallCommentDto`: a comment left in Modjo. */
export interface CallCommentDto {
  author?: string | null;
  text?: string | null;
  createdAt?: string | null;
  atSecond?: number | null;
}

/** `CallLinkDto`: a record the call is linked to. */
export interface CallLinkDto {
  recordId: string;
  name?: string | null;
  objectApiName?: string | null;
}

/** `CallCardDto`: one call or meeting as a card shows it. */
export interface CallCardDto {
  id: string;
  title?: string | null;
  kind?: string | null;
  startedAt?: string | null;
  durationSeconds?: number | null;
  direction?: string | null;
  language?: string | null;
  provider?: string | null;
  /** Call__c.Modjo_Url__c when LinkPolicy keeps it (https to an allowed host), else null. */
  modjoUrl?: string | null;
  /** The Allowed Link Hosts entries (`app.modjo.ai`, `*.modjo.ai`): modjoFormat.safeUrl renders only links to them. */
  allowedLinkHosts?: string[] | null;
  summary?: string | null;
  tags?: string[] | null;
  commentCount?: number | null;
  participantCount?: number | null;
  highlightCount?: number | null;
  matchStatus?: string | null;
  /** Null when the running user cannot read `Call__c.Match_Explanation__c`; shown when `matchExplanationLines` is empty. */
  matchExplanation?: string | null;
  /** The explanation as codes and parameters, rendered through the `Modjo_Match_<CODE>` Custom Labels. */
  matchExplanationLines?: CallExplanationLineDto[] | null;
  /** The running user holds the `Modjo_Fix_Matches` custom permission (may fix participants and linked records). */
  canFixMatch?: boolean | null;
  /** The call's Account and Opportunity (null when unset or unreadable). */
  accountId?: string | null;
  accountName?: string | null;
  opportunityId?: string | null;
  opportunityName?: string | null;
  participants?: CallParticipantDto[] | null;
  topics?: CallTopicDto[] | null;
  highlights?: CallHighlightDto[] | null;
}

/** `CallDetailDto`: the whole call for the Call record page. */
export interface CallDetailDto {
  call: CallCardDto;
  isDeleted?: boolean | null;
  notes?: string | null;
  comments?: CallCommentDto[] | null;
  links?: CallLinkDto[] | null;
}

/** `CallPageDto`: one page of calls, newest first. */
export interface CallPageDto {
  calls: CallCardDto[];
  hasMore?: boolean | null;
  nextCursor?: string | null;
  pageSize?: number | null;
  /** Calls of the record that match the search and topic filters (all pages); a lower bound when `incomplete`. */
  total?: number | null;
  /** Matching calls may be missing: a look-up reached `searchLimit` rows, or `summariesIncomplete`. */
  incomplete?: boolean | null;
  /** Rows one look-up of the filters reads at most (2,000), for the `incomplete` message. */
  searchLimit?: number | null;
  /**
   * The search text was looked for in the summary, tags and notes of only the `summariesRead` newest calls of the
   * record within the filters; older calls only through Salesforce search, which can miss some.
   */
  summariesIncomplete?: boolean | null;
  /** Calls whose summary, tags and notes were read for the search text (null without one). */
  summariesRead?: number | null;
}

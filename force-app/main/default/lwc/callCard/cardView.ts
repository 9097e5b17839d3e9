/*
 * What a call card shows, computed once per call: the template then reads plain properties only.
 */
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import {
  formatDateTime,
  formatDuration,
  formatLabel,
  formatOffset,
  playerUrl,
  safeUrl,
  type CallCardDto,
  type CallParticipantDto
} from 'c/modjoFormat';
import KIND_CALL from '@salesforce/label/c.Cards_Kind_Call';
import KIND_MEETING from '@salesforce/label/c.Cards_Kind_Meeting';
import DIRECTION_INBOUND from '@salesforce/label/c.Cards_Direction_Inbound';
import DIRECTION_OUTBOUND from '@salesforce/label/c.Cards_Direction_Outbound';
import DIRECTION_INTERNAL from '@salesforce/label/c.Cards_Direction_Internal';
import DIRECTION_UNKNOWN from '@salesforce/label/c.Cards_Direction_Unknown';
import PARTICIPANTS from '@salesforce/label/c.Cards_Participants';
import INTERNAL from '@salesforce/label/c.Cards_Internal';
import NOT_IN_SALESFORCE from '@salesforce/label/c.Cards_Not_In_Salesforce';
import OPEN_RECORD from '@salesforce/label/c.Cards_Open_Record';
import SUMMARY from '@salesforce/label/c.Cards_Summary';
import SHOW_MORE from '@salesforce/label/c.Cards_Show_More';
import SHOW_LESS from '@salesforce/label/c.Cards_Show_Less';
import SUMMARY_SHORTENED from '@salesforce/label/c.Cards_Summary_Shortened';
import TOPICS from '@salesforce/label/c.Cards_Topics';
import HIGHLIGHTS from '@salesforce/label/c.Cards_Highlights';
import PLAY_AT from '@salesforce/label/c.Cards_Play_At';
import MORE_HIGHLIGHTS from '@salesforce/label/c.Cards_More_Highlights';
import TAGS from '@salesforce/label/c.Cards_Tags';
import COMMENT_COUNT from '@salesforce/label/c.Cards_Comment_Count';
import OPEN_IN_MODJO from '@salesforce/label/c.Cards_Open_In_Modjo';
import NEW_TAB from '@salesforce/label/c.Cards_New_Tab';
import MATCH_EXPLANATION from '@salesforce/label/c.Cards_Match_Explanation';
import DURATION from '@salesforce/label/c.Cards_Duration';
import PROVIDER from '@salesforce/label/c.Cards_Provider';

export { SHOW_LESS, SHOW_MORE };

/** Texts the card template shows as they are. */
export const CARD_LABELS = {
  participants: PARTICIPANTS,
  internal: INTERNAL,
  notInSalesforce: NOT_IN_SALESFORCE,
  summary: SUMMARY,
  summaryShortened: SUMMARY_SHORTENED,
  topics: TOPICS,
  highlights: HIGHLIGHTS,
  tags: TAGS,
  openInModjo: OPEN_IN_MODJO,
  newTab: NEW_TAB,
  matchExplanation: MATCH_EXPLANATION,
  duration: DURATION,
  provider: PROVIDER
};

/** Summaries longer than this start collapsed (a few lines) with a "Show more" button. */
export const SUMMARY_COLLAPSE_CHARS = 280;
/**
 * Characters of a collapsed summary put in the page: more than three lines of the widest card, so the CSS line clamp
 * still ends it with an ellipsis, while a 5,000-character summary is not laid out until "Show more".
 */
export const SUMMARY_PREVIEW_CHARS = 400;
/** Longest summary a card in a list carries (CallCardMapper.LIST_SUMMARY_LIMIT); longer ones were shortened. */
export const LIST_SUMMARY_LIMIT = 10000;

const DIRECTIONS: Record<string, string> = {
  Inbound: DIRECTION_INBOUND,
  Outbound: DIRECTION_OUTBOUND,
  Internal: DIRECTION_INTERNAL,
  Unknown: DIRECTION_UNKNOWN
};

export interface ParticipantView {
  key: string;
  name: string;
  recordId?: string;
  objectApiName?: string;
  href?: string;
  linkTitle?: string;
  isInternal: boolean;
  isUnmatched: boolean;
  separator: boolean;
}

export interface HighlightView {
  key: string;
  time: string;
  text: string;
  speaker: string;
  href?: string;
  playLabel: string;
}

export interface CardView {
  title: string;
  iconName: string;
  kindLabel: string;
  startedAt: string;
  startedAtIso: string;
  duration: string;
  provider: string;
  direction: string;
  recordHref: string;
  summary: string;
  summaryPreview: string;
  hasSummary: boolean;
  isLongSummary: boolean;
  isShortened: boolean;
  participants: ParticipantView[];
  hasParticipants: boolean;
  topics: { key: string; name: string }[];
  hasTopics: boolean;
  highlights: HighlightView[];
  hasHighlights: boolean;
  moreHighlights: string;
  tags: { key: string; name: string }[];
  hasTags: boolean;
  comments: string;
  modjoUrl?: string;
  matchExplanation: string;
}

function recordHref(recordId: string): string {
  return `/lightning/r/${recordId}/view`;
}

function participantView(participant: CallParticipantDto, index: number): ParticipantView {
  const name = participant.name || participant.recordName || participant.email || participant.phone || '—';
  const recordId = participant.recordId ?? undefined;
  return {
    key: participant.id || `participant-${index}`,
    name,
    recordId,
    objectApiName: participant.recordObjectApiName ?? undefined,
    href: recordId ? recordHref(recordId) : undefined,
    linkTitle: recordId ? formatLabel(OPEN_RECORD, participant.recordName || name) : undefined,
    isInternal: participant.isInternal === true,
    isUnmatched: !recordId && participant.isInternal !== true,
    separator: index > 0
  };
}

/** The start of a long summary, cut on a word boundary, for the collapsed list card. */
function preview(summary: string, detail: boolean): string {
  if (detail || summary.length <= SUMMARY_PREVIEW_CHARS) {
    return summary;
  }
  const cut = summary.slice(0, SUMMARY_PREVIEW_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > SUMMARY_PREVIEW_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

/** Builds everything the template shows, once per call (templates only read plain properties). */
export function buildView(call: CallCardDto, detail: boolean): CardView {
  const isMeeting = call.kind === 'Meeting';
  const summary = call.summary ?? '';
  const highlights = (call.highlights ?? []).map((highlight, index) => {
    const time = formatOffset(highlight.startSecond);
    return {
      key: highlight.id || `highlight-${index}`,
      time,
      text: highlight.text ?? '',
      speaker: highlight.speaker ?? '',
      href: playerUrl(call.modjoUrl, highlight.startSecond),
      playLabel: `${formatLabel(PLAY_AT, time)} ${NEW_TAB}`
    };
  });
  const hiddenHighlights = Math.max(0, (call.highlightCount ?? highlights.length) - highlights.length);
  const participants = (call.participants ?? []).map(participantView);
  const topics = (call.topics ?? [])
    .filter((topic) => !!topic.name)
    .map((topic, index) => ({ key: topic.id || `topic-${index}`, name: topic.name as string }));
  const tags = (call.tags ?? []).filter((tag) => !!tag).map((tag, index) => ({ key: `tag-${index}`, name: tag }));
  return {
    title: call.title || '—',
    iconName: isMeeting ? 'standard:event' : 'standard:call',
    kindLabel: isMeeting ? KIND_MEETING : KIND_CALL,
    startedAt: formatDateTime(call.startedAt, LOCALE, TIME_ZONE),
    startedAtIso: call.startedAt ?? '',
    duration: formatDuration(call.durationSeconds, LOCALE),
    provider: call.provider ?? '',
    direction: call.direction ? (DIRECTIONS[call.direction] ?? call.direction) : '',
    recordHref: recordHref(call.id),
    summary,
    summaryPreview: preview(summary, detail),
    hasSummary: summary.length > 0,
    isLongSummary: !detail && summary.length > SUMMARY_COLLAPSE_CHARS,
    isShortened: !detail && summary.length >= LIST_SUMMARY_LIMIT,
    participants,
    hasParticipants: participants.length > 0,
    topics,
    hasTopics: topics.length > 0,
    highlights,
    hasHighlights: highlights.length > 0,
    moreHighlights: !detail && hiddenHighlights > 0 ? formatLabel(MORE_HIGHLIGHTS, hiddenHighlights) : '',
    tags,
    hasTags: tags.length > 0,
    comments: formatLabel(COMMENT_COUNT, call.commentCount ?? 0),
    modjoUrl: safeUrl(call.modjoUrl),
    matchExplanation: call.matchExplanation ?? ''
  };
}

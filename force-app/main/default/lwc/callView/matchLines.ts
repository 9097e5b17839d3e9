/*
 * Match explanations in the user's language. Apex sends `matchExplanationLines` (CallExplanationLineDto: a code and
 * its parameters per line, written by MatchExplanation and CallLinkService); each code has a Custom Label
 * `Modjo_Match_<CODE>` (English, French in translations/) whose `{0}`, `{1}`… take the parameters. `TEXT` carries a
 * decision that has no code yet, in English, shown as written. Two kinds of parameter are translated here too: the
 * match status of `SUMMARY` and `REMATCHED` (the `Cards_Status_*` labels) and the UTC time of the `HAND_*` and `REMATCHED` lines (the user's locale
 * and time zone). Calls matched before the codes existed carry only the stored English text (`matchExplanation`),
 * shown as it is; so is a call carrying a code this version does not know.
 */
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import {
  formatDateTime,
  formatLabel,
  pluralTemplate,
  type CallCardDto,
  type CallExplanationLineDto
} from 'c/modjoFormat';
import TEXT from '@salesforce/label/c.Modjo_Match_TEXT';
import SUMMARY from '@salesforce/label/c.Modjo_Match_SUMMARY';
import SUMMARY_ONE from '@salesforce/label/c.Modjo_Match_SUMMARY_One';
import ACCOUNT_KEPT from '@salesforce/label/c.Modjo_Match_ACCOUNT_KEPT';
import ACCOUNT_CLEARED from '@salesforce/label/c.Modjo_Match_ACCOUNT_CLEARED';
import OPPORTUNITY_KEPT from '@salesforce/label/c.Modjo_Match_OPPORTUNITY_KEPT';
import OPPORTUNITY_CLEARED from '@salesforce/label/c.Modjo_Match_OPPORTUNITY_CLEARED';
import CONTACT_KEPT from '@salesforce/label/c.Modjo_Match_CONTACT_KEPT';
import CONTACT_CLEARED from '@salesforce/label/c.Modjo_Match_CONTACT_CLEARED';
import LEAD_KEPT from '@salesforce/label/c.Modjo_Match_LEAD_KEPT';
import LEAD_CLEARED from '@salesforce/label/c.Modjo_Match_LEAD_CLEARED';
import OWNER_KEPT from '@salesforce/label/c.Modjo_Match_OWNER_KEPT';
import PARTICIPANT_KEPT from '@salesforce/label/c.Modjo_Match_PARTICIPANT_KEPT';
import PARTICIPANT_HAND_LOST from '@salesforce/label/c.Modjo_Match_PARTICIPANT_HAND_LOST';
import HAND_PARTICIPANT from '@salesforce/label/c.Modjo_Match_HAND_PARTICIPANT';
import HAND_ACCOUNT from '@salesforce/label/c.Modjo_Match_HAND_ACCOUNT';
import HAND_OPPORTUNITY from '@salesforce/label/c.Modjo_Match_HAND_OPPORTUNITY';
import REMATCHED from '@salesforce/label/c.Modjo_Match_REMATCHED';
import STATUS_PENDING from '@salesforce/label/c.Cards_Status_Pending';
import STATUS_MATCHED from '@salesforce/label/c.Cards_Status_Matched';
import STATUS_PARTIAL from '@salesforce/label/c.Cards_Status_Partial';
import STATUS_AMBIGUOUS from '@salesforce/label/c.Cards_Status_Ambiguous';
import STATUS_UNMATCHED from '@salesforce/label/c.Cards_Status_Unmatched';
import STATUS_INTERNAL from '@salesforce/label/c.Cards_Status_Internal';

/** Every code this version renders (MatchExplanation.CODE_* in Apex): the label `Modjo_Match_<code>` for each. */
export const MATCH_LABELS: Record<string, string> = {
  TEXT,
  SUMMARY,
  ACCOUNT_KEPT,
  ACCOUNT_CLEARED,
  OPPORTUNITY_KEPT,
  OPPORTUNITY_CLEARED,
  CONTACT_KEPT,
  CONTACT_CLEARED,
  LEAD_KEPT,
  LEAD_CLEARED,
  OWNER_KEPT,
  PARTICIPANT_KEPT,
  PARTICIPANT_HAND_LOST,
  HAND_PARTICIPANT,
  HAND_ACCOUNT,
  HAND_OPPORTUNITY,
  REMATCHED
};

/**
 * The label of each match status (Call__c and Call_Participant__c Match_Status__c values), the one map of the cards:
 * the call detail (callDetail, through c/callView) shows participants' statuses with it.
 */
export const MATCH_STATUS_LABELS: Record<string, string> = {
  Pending: STATUS_PENDING,
  Matched: STATUS_MATCHED,
  Partial: STATUS_PARTIAL,
  Ambiguous: STATUS_AMBIGUOUS,
  Unmatched: STATUS_UNMATCHED,
  Internal: STATUS_INTERNAL
};

/** A match status in the user's language; an unknown one as it is, none as ''. */
export function matchStatusLabel(status: string | null | undefined): string {
  return status ? (MATCH_STATUS_LABELS[status] ?? status) : '';
}

/** Position of the UTC time among the parameters of the lines that record a fix made by hand or a re-match. */
const TIME_PARAM: Record<string, number> = { HAND_PARTICIPANT: 3, HAND_ACCOUNT: 2, HAND_OPPORTUNITY: 2, REMATCHED: 2 };

function paramsOf(line: CallExplanationLineDto): string[] {
  const params = (line.params ?? []).map((param) => param ?? '');
  if ((line.code === 'SUMMARY' || line.code === 'REMATCHED') && params.length) {
    params[0] = matchStatusLabel(params[0]);
  }
  const timeAt = TIME_PARAM[line.code];
  if (timeAt !== undefined && params[timeAt]) {
    params[timeAt] = formatDateTime(params[timeAt], LOCALE, TIME_ZONE) || params[timeAt];
  }
  return params;
}

/**
 * The label of a line; `SUMMARY` in its singular or plural form, chosen by the number of external participants
 * (`{2}`), which governs the noun in English and French: "1 of 1 external participant matched", "1 sur 1 participant
 * externe associé", "1 of 3 external participants matched".
 */
function templateOf(line: CallExplanationLineDto): string {
  if (line.code === 'SUMMARY') {
    const total = Number(line.params?.[2]);
    return Number.isFinite(total) ? pluralTemplate({ one: SUMMARY_ONE, other: SUMMARY }, total, LOCALE) : SUMMARY;
  }
  return MATCH_LABELS[line.code];
}

/** The lines of a call's match explanation, translated when every code is known, else the stored text's lines. */
export function explanationLines(call: CallCardDto): string[] {
  const lines = call.matchExplanationLines ?? [];
  if (lines.length && lines.every((line) => !!line && line.code in MATCH_LABELS)) {
    return lines.map((line) => formatLabel(templateOf(line), ...paramsOf(line)));
  }
  return (call.matchExplanation ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => !!line);
}

/*
 * Match explanations in the user's language. Apex sends `matchExplanationLines` (a code and its parameters per line,
 * CallMatchLineDto); each code has a Custom Label `Modjo_Match_<CODE>` (English, French in translations/) whose
 * `{0}`, `{1}`… take the parameters. Calls matched before the codes existed carry only the stored English text
 * (`matchExplanation`), shown as it is; so is a call carrying a code this version does not know.
 */
import { formatLabel, type CallCardDto } from 'c/modjoFormat';
import EMAIL from '@salesforce/label/c.Modjo_Match_EMAIL';
import PHONE from '@salesforce/label/c.Modjo_Match_PHONE';
import CRM_ID from '@salesforce/label/c.Modjo_Match_CRM_ID';
import AMBIGUOUS from '@salesforce/label/c.Modjo_Match_AMBIGUOUS';
import UNMATCHED from '@salesforce/label/c.Modjo_Match_UNMATCHED';
import INTERNAL from '@salesforce/label/c.Modjo_Match_INTERNAL';
import ACCOUNT from '@salesforce/label/c.Modjo_Match_ACCOUNT';
import OPPORTUNITY from '@salesforce/label/c.Modjo_Match_OPPORTUNITY';
import HAND_SET from '@salesforce/label/c.Modjo_Match_HAND_SET';

/** Every code this version renders: the label `Modjo_Match_<code>` for each. */
export const MATCH_LABELS: Record<string, string> = {
  EMAIL,
  PHONE,
  CRM_ID,
  AMBIGUOUS,
  UNMATCHED,
  INTERNAL,
  ACCOUNT,
  OPPORTUNITY,
  HAND_SET
};

/** The lines of a call's match explanation, translated when every code is known, else the stored text's lines. */
export function explanationLines(call: CallCardDto): string[] {
  const lines = call.matchExplanationLines ?? [];
  if (lines.length && lines.every((line) => !!line && line.code in MATCH_LABELS)) {
    return lines.map((line) => formatLabel(MATCH_LABELS[line.code], ...(line.params ?? []).map((p) => p ?? '')));
  }
  return (call.matchExplanation ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => !!line);
}

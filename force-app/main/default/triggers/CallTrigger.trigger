/**
 * Before a Modjo call is saved, by ingestion, a re-match, an erasure, a fix from the card or a person in the page:
 * its Text_Length__c follows its summary, tags and notes (CallTextLength), so that the call cards can read those
 * texts in groups, and their calls in pages, that fit the heap (CallCardsSelector.searchTexts, readPage).
 */
trigger CallTrigger on Call__c(before insert, before update) {
    CallTextLength.stamp(Trigger.new);
}

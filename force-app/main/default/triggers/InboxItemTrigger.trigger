/**
 * Before a Modjo inbox item is deleted (by an admin, or by the retention cleanup of InboxBookkeeping.purgeClosed),
 * deletes the file that holds its payload: a file outlives the record it was published to, and a payload holds
 * names, emails, phones and summaries.
 */
trigger InboxItemTrigger on Inbox_Item__c(before delete) {
    InboxBookkeeping.deletePayloadFiles(Trigger.oldMap.keySet());
}

/** GET /v1/health of the fake org (components/schemas/Health): degraded without the Modjo_Ingest permission. */
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from '../../contract/validate';

export interface HealthInputs {
  apiPrefix: string;
  username: string;
  packageVersion?: string;
  /** The caller lacks the Modjo_Ingest permission. */
  denied: boolean;
  /** The caller lacks the Modjo_Read_Context permission (lookup and match-preview answer 403). */
  readContextDenied?: boolean;
  /** Calls kept in the inbox (answered `queued`). */
  queuedCount: number;
}

const OBJECTS = [
  'Call__c',
  'Call_Participant__c',
  'Inbox_Item__c',
  'Task',
  'Event',
  'Contact',
  'Lead',
  'Account',
  'Opportunity'
];

export function healthDocument({
  apiPrefix,
  username,
  packageVersion,
  denied,
  readContextDenied = false,
  queuedCount
}: HealthInputs): Record<string, unknown> {
  const base = {
    namespace: 'modjo',
    packageVersion: packageVersion ?? '0.1',
    requestVersion: packageVersion ?? '0.1',
    apiPath: apiPrefix,
    serverTime: new Date().toISOString(),
    user: { id: '005000000000001AAA', username },
    permissions: {
      modjoIngest: !denied,
      modjoReadContext: !denied && !readContextDenied,
      objects: Object.fromEntries(
        OBJECTS.map((o) => [o, { read: !denied, create: !denied && OBJECTS.indexOf(o) < 5, edit: !denied }])
      )
    }
  };
  if (denied) {
    return {
      status: 'degraded',
      ...base,
      message: 'The caller lacks the Modjo_Ingest permission: assign the Modjo Integration permission set.'
    };
  }
  return {
    status: 'ok',
    ...base,
    settings: {
      defaultPhoneCountry: 'FR',
      opportunityStrategy: 'MostRecentlyUpdatedOpen',
      opportunityWindowDays: 14,
      meetingsAs: 'Event',
      summaryAsNote: true
    },
    inbox: { pending: queuedCount, retrying: 0, failed: 0, succeeded: 0, discarded: 0 },
    limits: { maxBatchSize: MAX_BATCH_SIZE, maxBodyBytes: MAX_BODY_BYTES, inboxMaxAttempts: 6 }
  };
}

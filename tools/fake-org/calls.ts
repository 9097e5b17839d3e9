/**
 * The calls resources of the fake org, like the package's CallIngestionService: every request checked with the
 * contract's reference validator (contract/validate.ts), each valid item upserted by modjoCallId and ordered by
 * version (created / updated / unchanged / stale), item faults applied on the way.
 */
import { createHash } from 'node:crypto';
import { checkRequest, type Issue } from '../../contract/validate';
import { decodeUtf8, stripBom } from '../../contract/json-text';
import { isAllowedLink } from '../../contract/links';
import type { ItemFaults } from './faults';

export interface StoredCall {
  version: number;
  hash: string;
  /** Times this call changed state (created or updated): exactly 1 per version pushed, if all is well. */
  applied: number;
  created: number;
  /** Times an item with this id reached the org (any outcome). */
  deliveries: number;
  deleted: boolean;
  queued: boolean;
  /** What GET /v1/calls/{modjoCallId} shows. */
  view: {
    kind: string;
    startedAt: string;
    title: string | null;
    durationSeconds: number;
    /** Null when the payload's url was dropped (LINK_DROPPED, default host list). */
    url: string | null;
    participants: Array<{ name: string | null; email: string | null; phone: string | null; internal: boolean }>;
  };
}

/** An HTTP status and the JSON document answered. */
export interface Answer {
  status: number;
  answer: unknown;
}

type ItemAnswer = Record<string, unknown> & { outcome: string };

/** The stored calls and the ids handed out, shared by the resources. */
export class CallStore {
  readonly calls = new Map<string, StoredCall>();
  private idCounter = 0;

  constructor(private readonly maxStored: number) {}

  /** A record id of the fake org, e.g. a01000000000001AAA. */
  fakeId(prefix: string): string {
    return `${prefix}${String(++this.idCounter).padStart(12, '0')}AAA`;
  }

  /** POST /v1/calls: runs the checks and the upserts of one body (item faults are rolled once it is valid). */
  processCalls(contentType: string | undefined, body: string | Uint8Array, rollFaults: () => ItemFaults): Answer {
    const check = checkRequest(contentType, body);
    if (check.errors.length > 0) return { status: check.status, answer: { errors: check.errors } };
    const faults = rollFaults();
    // The body passed the checks: UTF-8 JSON (a leading byte-order mark ignored).
    const text = typeof body === 'string' ? body : (decodeUtf8(body) as string);
    const parsed = JSON.parse(stripBom(text)) as Record<string, unknown>;
    const items = check.isBatch ? (parsed.calls as Array<Record<string, unknown>>) : [parsed];
    const results = check.items.map((itemCheck, index): ItemAnswer => {
      const base = { index, modjoCallId: itemCheck.modjoCallId ?? null, warnings: itemCheck.warnings as Issue[] };
      if (itemCheck.errors.length > 0) {
        const stored = itemCheck.modjoCallId ? this.calls.get(itemCheck.modjoCallId) : undefined;
        if (stored) stored.deliveries++;
        return { ...base, outcome: 'rejected', errors: itemCheck.errors };
      }
      const lock = faults.lock();
      const queue = !lock && faults.queue();
      return { ...base, errors: [], ...this.apply(items[index], lock, queue) };
    });
    if (!check.isBatch && check.status === 400) {
      // An invalid single call: 400 with every error (the package answers it like a request error).
      return { status: 400, answer: { errors: check.items[0].errors } };
    }
    const failed = results.filter((r) => r.outcome === 'rejected').length;
    return {
      status: 200,
      answer: { received: results.length, succeeded: results.length - failed, failed, results: faults.garble(results) }
    };
  }

  /** Applies one valid item: upsert by modjoCallId, ordered by version. */
  private apply(item: Record<string, unknown>, lockItem: boolean, queueItem: boolean): ItemAnswer {
    const id = item.modjoCallId as string;
    const version = item.version as number;
    const stored = this.calls.get(id);
    if (stored) stored.deliveries++;
    if (lockItem) {
      return {
        outcome: 'rejected',
        errors: [{ code: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record', path: '$' }]
      };
    }
    if (!stored) return this.create(id, item, queueItem);
    if (version < stored.version) return { outcome: 'stale', salesforceId: this.fakeId('a01') };
    // docs/ingestion.md: the same version with the same content (or a soft-deleted call) is unchanged; with different
    // content it is updated.
    if (version === stored.version && (stored.deleted || stored.hash === hashOf(item))) {
      return { outcome: 'unchanged', salesforceId: this.fakeId('a01') };
    }
    Object.assign(stored, { version, hash: hashOf(item), deleted: false, queued: queueItem, view: viewOf(item) });
    stored.applied++;
    return queueItem ? queued() : this.saved('updated');
  }

  private create(id: string, item: Record<string, unknown>, queueItem: boolean): ItemAnswer {
    if (this.calls.size >= this.maxStored) {
      return {
        outcome: 'rejected',
        errors: [{ code: 'STORAGE_LIMIT_EXCEEDED', message: 'fake org is full', path: '$' }]
      };
    }
    this.calls.set(id, {
      version: item.version as number,
      hash: hashOf(item),
      applied: 1,
      created: 1,
      deliveries: 1,
      deleted: false,
      queued: queueItem,
      view: viewOf(item)
    });
    return queueItem ? queued() : this.saved('created');
  }

  private saved(outcome: 'created' | 'updated'): ItemAnswer {
    return { outcome, salesforceId: this.fakeId('a01'), activityId: this.fakeId('00T'), matchStatus: 'Matched' };
  }

  /** GET /v1/calls/{modjoCallId}: the call as the package shows it (CallView). */
  callView(id: string): Answer {
    const stored = this.calls.get(id);
    if (!stored) return notFound(id);
    const { view } = stored;
    return {
      status: 200,
      answer: {
        modjoCallId: id,
        salesforceId: this.fakeId('a01'),
        version: stored.version,
        kind: view.kind,
        title: view.title,
        startedAt: view.startedAt,
        durationSeconds: view.durationSeconds,
        url: view.url,
        isDeleted: stored.deleted,
        deletedAt: null,
        matchStatus: 'Matched',
        matchExplanation: 'Fake org: every call is matched.',
        matchedAt: new Date().toISOString(),
        links: NO_LINKS,
        participants: view.participants.map((p) => ({ ...p, matchStatus: p.internal ? 'Internal' : 'Unmatched' }))
      }
    };
  }

  /** DELETE /v1/calls/{modjoCallId}: marks the call deleted. */
  deleteCall(id: string): Answer {
    const stored = this.calls.get(id);
    if (!stored) return notFound(id);
    stored.deleted = true;
    return {
      status: 200,
      answer: {
        index: 0,
        modjoCallId: id,
        outcome: 'deleted',
        salesforceId: this.fakeId('a01'),
        warnings: [],
        errors: []
      }
    };
  }
}

const NO_LINKS = {
  accountId: null,
  contactId: null,
  leadId: null,
  opportunityId: null,
  taskId: null,
  eventId: null,
  noteId: null
};

function notFound(id: string): Answer {
  return {
    status: 404,
    answer: { errors: [{ code: 'NOT_FOUND', message: `No call with modjoCallId ${id}.`, path: '$' }] }
  };
}

function queued(): ItemAnswer {
  return {
    outcome: 'queued',
    errors: [
      {
        code: 'QUEUED_FOR_RETRY',
        message:
          'A record was locked by another process in Salesforce. Kept in the Modjo inbox and retried automatically; do not resend.',
        path: '$',
        reason: 'RECORD_LOCKED'
      }
    ]
  };
}

function hashOf(item: Record<string, unknown>): string {
  return createHash('sha1').update(JSON.stringify(item)).digest('hex');
}

function viewOf(item: Record<string, unknown>): StoredCall['view'] {
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const participants = Array.isArray(item.participants) ? (item.participants as Array<Record<string, unknown>>) : [];
  return {
    kind: String(item.kind),
    startedAt: String(item.startedAt),
    title: text(item.title),
    durationSeconds: Number(item.durationSeconds),
    url: typeof item.url === 'string' && isAllowedLink(item.url) ? item.url : null,
    participants: participants.map((p) => ({
      name: text(p.name),
      email: text(p.email),
      phone: text(p.phone),
      internal: p.internal === true
    }))
  };
}

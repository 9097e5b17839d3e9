/**
 * A local stand-in for an org with the Modjo package, for offline tests of modjo-sf: a node:http server on
 * 127.0.0.1 that implements the resources of contract/openapi.yaml (POST/GET/DELETE /v1/calls, GET /v1/health)
 * under /services/apexrest/modjo, checks every request with the contract's reference validator
 * (contract/validate.ts: same statuses, codes and JSON paths as the Apex), answers per-item results like the
 * package (created / updated / unchanged / stale by version), and injects faults on demand.
 *
 * It keeps, per call, how many times it was applied (created or updated) and delivered, so tests can prove that
 * no call is lost and none is acknowledged twice. Bounded: body size, connections, stored calls, held requests.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES, checkRequest, type Issue } from '../../contract/validate';

export const API_PREFIX = '/services/apexrest/modjo/v1';

/**
 * Faults, each decided per POST /v1/calls request (whole-request faults) or per item (item faults):
 * - `503`, `429`: answered before anything is applied (with Retry-After: retryAfterSeconds);
 * - `lock500`: HTTP 500 `[{"errorCode":"UNABLE_TO_LOCK_ROW"}]`, nothing applied (platform-level lock error);
 * - `hang`: no answer at all, nothing applied (the client times out);
 * - `timeout`: applied, then no answer (the client times out and must resend: the org says unchanged);
 * - `dropBefore`: connection destroyed before anything is applied;
 * - `dropMidResponse`: applied, then the connection is cut half-way through the answer;
 * - `duplicateDelivery`: the request is applied twice, as if delivered twice; the second answer is returned;
 * - `duplicateResults`: the answer lists some results twice;
 * - `missingResults`: the answer leaves out some results (the client must resend those calls);
 * - `lockItems`: some items rejected with UNABLE_TO_LOCK_ROW, not applied (item-level partial failure);
 * - `queueItems`: some items answered `queued` (QUEUED_FOR_RETRY), kept in the inbox (counts as applied);
 * - `slow`: the answer waits `delayMs`;
 * - `internalError`: HTTP 500 `{ errors: [INTERNAL_ERROR] }`, nothing applied (an unexpected exception in Apex).
 */
export type FaultKind =
  | '503'
  | '429'
  | 'lock500'
  | 'hang'
  | 'timeout'
  | 'dropBefore'
  | 'dropMidResponse'
  | 'duplicateDelivery'
  | 'duplicateResults'
  | 'missingResults'
  | 'lockItems'
  | 'queueItems'
  | 'slow'
  | 'internalError';

export interface FaultRule {
  kind: FaultKind;
  /** Probability per request (whole-request faults) — default 1. */
  rate?: number;
  /** Probability per item (item faults, duplicateResults, missingResults) — default 0.3. */
  itemRate?: number;
  /** Fires at most this many times. */
  times?: number;
  /** Only from this POST request number on (1-based). */
  fromRequest?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
}

export interface FakeOrgOptions {
  port?: number;
  token?: string;
  faults?: FaultRule[];
  /** Seed of the fault dice (deterministic runs). */
  seed?: number;
  /** Longest a `hang`/`timeout` request is held before the socket is destroyed. */
  holdMs?: number;
  maxConnections?: number;
  maxStoredCalls?: number;
  /** Simulated processing time per request. */
  latencyMs?: number;
  packageVersion?: string;
  /** Username answered by the user-info resources. */
  username?: string;
  /** The caller lacks the Modjo_Ingest permission: POST answers 403, health is degraded. */
  deny?: boolean;
}

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
    url: string;
    participants: Array<{ name: string | null; email: string | null; phone: string | null; internal: boolean }>;
  };
}

export interface FakeOrgState {
  requests: number;
  postRequests: number;
  faultsInjected: Record<string, number>;
  calls: Map<string, StoredCall>;
}

export interface FakeOrg {
  readonly url: string;
  readonly token: string;
  readonly state: FakeOrgState;
  setFaults(faults: FaultRule[]): void;
  reset(): void;
  close(): Promise<void>;
}

type ItemAnswer = Record<string, unknown> & { outcome: string };

interface RuleState {
  rule: FaultRule;
  fired: number;
}

const ITEM_FAULTS = new Set<FaultKind>(['lockItems', 'queueItems', 'duplicateResults', 'missingResults']);

export async function startFakeOrg(options: FakeOrgOptions = {}): Promise<FakeOrg> {
  const token = options.token ?? 'fake-token';
  const username = options.username ?? 'integration@modjo.fake';
  const holdMs = options.holdMs ?? 30_000;
  const maxStored = options.maxStoredCalls ?? 1_000_000;
  let random = mulberry32(options.seed ?? 1);
  let rules: RuleState[] = (options.faults ?? []).map((rule) => ({ rule, fired: 0 }));
  const state: FakeOrgState = { requests: 0, postRequests: 0, faultsInjected: {}, calls: new Map() };
  const held = new Set<http.ServerResponse>();
  let idCounter = 0;

  const fire = (kind: FaultKind): void => {
    state.faultsInjected[kind] = (state.faultsInjected[kind] ?? 0) + 1;
  };

  /** The whole-request fault of this POST, if any (first matching rule wins). */
  const requestFault = (requestNo: number): FaultRule | undefined => {
    for (const entry of rules) {
      const { rule } = entry;
      if (ITEM_FAULTS.has(rule.kind)) continue;
      if (rule.fromRequest !== undefined && requestNo < rule.fromRequest) continue;
      if (rule.times !== undefined && entry.fired >= rule.times) continue;
      if (random() < (rule.rate ?? 1)) {
        entry.fired++;
        fire(rule.kind);
        return rule;
      }
    }
    return undefined;
  };

  const itemRules = (requestNo: number): RuleState[] =>
    rules.filter(
      (e) =>
        ITEM_FAULTS.has(e.rule.kind) &&
        (e.rule.fromRequest === undefined || requestNo >= e.rule.fromRequest) &&
        (e.rule.times === undefined || e.fired < e.rule.times) &&
        random() < (e.rule.rate ?? 1)
    );

  const fakeId = (prefix: string): string => `${prefix}${String(++idCounter).padStart(12, '0')}AAA`;

  /** Applies one valid item like CallIngestionService: upsert by modjoCallId, ordered by version. */
  const apply = (item: Record<string, unknown>, lockItem: boolean, queueItem: boolean): ItemAnswer => {
    const id = item.modjoCallId as string;
    const version = item.version as number;
    const hash = createHash('sha1').update(JSON.stringify(item)).digest('hex');
    const stored = state.calls.get(id);
    if (stored) stored.deliveries++;
    if (lockItem) {
      return {
        outcome: 'rejected',
        errors: [{ code: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record', path: '$' }]
      };
    }
    if (!stored) {
      if (state.calls.size >= maxStored) {
        return {
          outcome: 'rejected',
          errors: [{ code: 'STORAGE_LIMIT_EXCEEDED', message: 'fake org is full', path: '$' }]
        };
      }
      state.calls.set(id, {
        version,
        hash,
        applied: 1,
        created: 1,
        deliveries: 1,
        deleted: false,
        queued: queueItem,
        view: viewOf(item)
      });
      return queueItem
        ? queued()
        : { outcome: 'created', salesforceId: fakeId('a01'), activityId: fakeId('00T'), matchStatus: 'Matched' };
    }
    if (version < stored.version) return { outcome: 'stale', salesforceId: fakeId('a01') };
    if (version === stored.version) return { outcome: 'unchanged', salesforceId: fakeId('a01') };
    stored.version = version;
    stored.hash = hash;
    stored.applied++;
    stored.deleted = false;
    stored.queued = queueItem;
    stored.view = viewOf(item);
    return queueItem
      ? queued()
      : { outcome: 'updated', salesforceId: fakeId('a01'), activityId: fakeId('00T'), matchStatus: 'Matched' };
  };

  const queued = (): ItemAnswer => ({
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
  });

  /** Runs the checks and the upserts of one POST body; returns status and answer. */
  const processCalls = (
    contentType: string | undefined,
    body: string,
    requestNo: number
  ): { status: number; answer: unknown } => {
    const check = checkRequest(contentType, body);
    if (check.errors.length > 0) return { status: check.status, answer: { errors: check.errors } };
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const items = check.isBatch ? (parsed.calls as Array<Record<string, unknown>>) : [parsed];
    const active = itemRules(requestNo);
    const lockRate = active.find((e) => e.rule.kind === 'lockItems');
    const queueRate = active.find((e) => e.rule.kind === 'queueItems');
    for (const e of active) {
      e.fired++;
      fire(e.rule.kind);
    }
    const results = check.items.map((itemCheck, index): ItemAnswer => {
      const base = { index, modjoCallId: itemCheck.modjoCallId ?? null, warnings: itemCheck.warnings as Issue[] };
      if (itemCheck.errors.length > 0) {
        const stored = itemCheck.modjoCallId ? state.calls.get(itemCheck.modjoCallId) : undefined;
        if (stored) stored.deliveries++;
        return { ...base, outcome: 'rejected', errors: itemCheck.errors };
      }
      const lock = lockRate !== undefined && random() < (lockRate.rule.itemRate ?? 0.3);
      const queue = !lock && queueRate !== undefined && random() < (queueRate.rule.itemRate ?? 0.3);
      const outcome = apply(items[index], lock, queue);
      return { ...base, errors: [], ...outcome };
    });
    if (!check.isBatch && check.status === 400) {
      // An invalid single call: 400 with every error (the package answers it like a request error).
      return { status: 400, answer: { errors: check.items[0].errors } };
    }
    let answered: unknown[] = results;
    const dup = active.find((e) => e.rule.kind === 'duplicateResults');
    if (dup) answered = results.flatMap((r) => (random() < (dup.rule.itemRate ?? 0.3) ? [r, { ...r }] : [r]));
    const missing = active.find((e) => e.rule.kind === 'missingResults');
    if (missing) answered = answered.filter(() => random() >= (missing.rule.itemRate ?? 0.3));
    const failed = results.filter((r) => r.outcome === 'rejected').length;
    return {
      status: 200,
      answer: { received: results.length, succeeded: results.length - failed, failed, results: answered }
    };
  };

  /** The health document (components/schemas/Health): degraded without the Modjo_Ingest permission. */
  const health = (): Record<string, unknown> => {
    const denied = options.deny === true;
    const objects = [
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
    const base = {
      namespace: 'modjo',
      packageVersion: options.packageVersion ?? '0.1',
      requestVersion: options.packageVersion ?? '0.1',
      apiPath: API_PREFIX,
      serverTime: new Date().toISOString(),
      user: { id: '005000000000001AAA', username },
      permissions: {
        modjoIngest: !denied,
        objects: Object.fromEntries(
          objects.map((o) => [o, { read: !denied, create: !denied && objects.indexOf(o) < 5, edit: !denied }])
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
    const queuedCount = [...state.calls.values()].filter((c) => c.queued).length;
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
  };

  const send = (
    res: http.ServerResponse,
    status: number,
    answer: unknown,
    headers: Record<string, string> = {}
  ): void => {
    const body = JSON.stringify(answer);
    res.writeHead(status, {
      'Content-Type': 'application/json;charset=UTF-8',
      'Content-Length': Buffer.byteLength(body),
      ...headers
    });
    res.end(body);
  };

  const hold = (res: http.ServerResponse): void => {
    held.add(res);
    const timer = setTimeout(() => {
      held.delete(res);
      res.socket?.destroy();
    }, holdMs);
    res.on('close', () => {
      clearTimeout(timer);
      held.delete(res);
    });
  };

  const handlePostCalls = async (req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> => {
    const requestNo = ++state.postRequests;
    if (options.deny) {
      send(res, 403, {
        errors: [
          {
            code: 'PERMISSION_DENIED',
            message: 'Assign the Modjo_Integration permission set to the integration user.',
            path: '$'
          }
        ]
      });
      return;
    }
    const fault = requestFault(requestNo);
    if (options.latencyMs) await delay(options.latencyMs);
    switch (fault?.kind) {
      case '503':
        send(res, 503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Service unavailable (fake org)' }], {
          'Retry-After': String(fault.retryAfterSeconds ?? 0)
        });
        return;
      case '429':
        send(res, 429, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'Too many requests (fake org)' }], {
          'Retry-After': String(fault.retryAfterSeconds ?? 0)
        });
        return;
      case 'lock500':
        send(res, 500, [
          { errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' }
        ]);
        return;
      case 'internalError':
        send(res, 500, {
          errors: [
            { code: 'INTERNAL_ERROR', message: 'Unexpected exception (fake org); nothing was saved.', path: '$' }
          ]
        });
        return;
      case 'hang':
        hold(res);
        return;
      case 'dropBefore':
        req.socket.destroy();
        return;
      default:
        break;
    }
    let outcome = processCalls(req.headers['content-type'], body, requestNo);
    if (fault?.kind === 'duplicateDelivery') outcome = processCalls(req.headers['content-type'], body, requestNo);
    if (fault?.kind === 'timeout') {
      hold(res);
      return;
    }
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 200);
    if (fault?.kind === 'dropMidResponse') {
      const text = JSON.stringify(outcome.answer);
      res.writeHead(outcome.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setImmediate(() => res.socket?.destroy());
      return;
    }
    send(res, outcome.status, outcome.answer);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> => {
    state.requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.headers.authorization !== `Bearer ${token}`) {
      send(res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
      return;
    }
    // Just enough of the platform for @salesforce/core to store an access-token login (sf org login access-token).
    if (url.pathname === '/services/oauth2/userinfo' && req.method === 'GET') {
      send(res, 200, {
        user_id: '005000000000001AAA',
        organization_id: '00D000000000001AAA',
        preferred_username: username
      });
      return;
    }
    if (/^\/services\/data\/v\d+\.\d+\/sobjects\/User\/\w+$/.test(url.pathname) && req.method === 'GET') {
      send(res, 200, { Id: '005000000000001AAA', Username: username });
      return;
    }
    const route = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : undefined;
    if (route === '/calls' && req.method === 'POST') {
      await handlePostCalls(req, res, body);
      return;
    }
    if (route === '/health' && req.method === 'GET') {
      send(res, 200, health());
      return;
    }
    const one = route?.match(/^\/calls\/([A-Za-z0-9_.:-]{1,64})$/);
    if (one && (req.method === 'GET' || req.method === 'DELETE')) {
      const id = one[1];
      const stored = state.calls.get(id);
      if (!stored) {
        send(res, 404, { errors: [{ code: 'NOT_FOUND', message: `No call with modjoCallId ${id}.`, path: '$' }] });
        return;
      }
      if (req.method === 'DELETE') {
        stored.deleted = true;
        send(res, 200, {
          index: 0,
          modjoCallId: id,
          outcome: 'deleted',
          salesforceId: fakeId('a01'),
          warnings: [],
          errors: []
        });
        return;
      }
      send(res, 200, {
        modjoCallId: id,
        salesforceId: fakeId('a01'),
        version: stored.version,
        kind: stored.view.kind,
        title: stored.view.title,
        startedAt: stored.view.startedAt,
        durationSeconds: stored.view.durationSeconds,
        url: stored.view.url,
        isDeleted: stored.deleted,
        deletedAt: null,
        matchStatus: 'Matched',
        matchExplanation: 'Fake org: every call is matched.',
        matchedAt: new Date().toISOString(),
        links: {
          accountId: null,
          contactId: null,
          leadId: null,
          opportunityId: null,
          taskId: null,
          eventId: null,
          noteId: null
        },
        participants: stored.view.participants.map((p) => ({
          ...p,
          matchStatus: p.internal ? 'Internal' : 'Unmatched'
        }))
      });
      return;
    }
    send(res, 404, [{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' }]);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES * 2) {
        // Far beyond the limit: stop reading, answer and close (bounded memory).
        if (!tooLarge) {
          tooLarge = true;
          send(res, 413, {
            errors: [{ code: 'BODY_TOO_LARGE', message: `The body is larger than ${MAX_BODY_BYTES} bytes.`, path: '$' }]
          });
          req.socket.destroy();
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return;
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: Error) => {
        if (!res.headersSent) send(res, 500, [{ errorCode: 'FAKE_ORG_ERROR', message: error.message }]);
      });
    });
  });
  server.maxConnections = options.maxConnections ?? 64;
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    state,
    setFaults(faults) {
      rules = faults.map((rule) => ({ rule, fired: 0 }));
    },
    reset() {
      state.calls.clear();
      state.requests = 0;
      state.postRequests = 0;
      state.faultsInjected = {};
      random = mulberry32(options.seed ?? 1);
    },
    close() {
      for (const res of held) res.socket?.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}

function viewOf(item: Record<string, unknown>): StoredCall['view'] {
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const participants = Array.isArray(item.participants) ? (item.participants as Array<Record<string, unknown>>) : [];
  return {
    kind: String(item.kind),
    startedAt: String(item.startedAt),
    title: text(item.title),
    durationSeconds: Number(item.durationSeconds),
    url: String(item.url),
    participants: participants.map((p) => ({
      name: text(p.name),
      email: text(p.email),
      phone: text(p.phone),
      internal: p.internal === true
    }))
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Small seeded PRNG for the fault dice. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

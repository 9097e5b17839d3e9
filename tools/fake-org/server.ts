/**
 * A local stand-in for an org with the Modjo package, for offline tests of modjo-sf: a node:http server on
 * 127.0.0.1 that implements the resources of contract/openapi.yaml (POST/GET/DELETE /v1/calls, GET /v1/health,
 * GET /v1/lookup and POST /v1/match-preview over fixture records: ./context.ts, a simple deterministic matcher)
 * under /services/apexrest/modjo, checks every request with the contract's reference validator
 * (contract/validate.ts: same statuses, codes and JSON paths as the Apex), answers per-item results like the
 * package (created / updated / unchanged / stale by version), and injects faults on demand.
 *
 * It keeps, per call, how many times it was applied (created or updated) and delivered, so tests can prove that
 * no call is lost and none is acknowledged twice. Bounded: body size, connections, stored calls, held requests.
 * Parts: ./faults.ts (the fault dice), ./calls.ts (the calls resources and the store), ./health.ts (the health
 * document); this file routes the requests and owns the HTTP server.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES } from '../../contract/validate';
import { isValidCallId } from '../../contract/rules';
import { CallStore, type Answer, type StoredCall } from './calls';
import { FaultDice, type FaultKind, type FaultRule } from './faults';
import { healthDocument } from './health';
import { ContextResources, defaultCrm, type FakeCrm, type HiddenField } from './context';

export type { FaultKind, FaultRule, StoredCall, FakeCrm, HiddenField };

/** The body of every unexpected failure (ApiResponse.sendInternalError). */
const INTERNAL_ERROR = {
  code: 'INTERNAL_ERROR',
  message: 'An unexpected error stopped the request; nothing was saved. Send the request again.',
  path: '$'
};

export const API_PREFIX = '/services/apexrest/modjo/v1';

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
  /** CRM records of the lookup and match-preview resources (default: defaultCrm()). */
  crm?: FakeCrm;
  /** Fields the caller may not read: left out of the records and listed as withheld. */
  hiddenFields?: HiddenField[];
  /** The caller lacks the Modjo_Read_Context permission: lookup and match-preview answer 403. */
  denyContext?: boolean;
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

export async function startFakeOrg(options: FakeOrgOptions = {}): Promise<FakeOrg> {
  const fake = new FakeOrgServer(options);
  const port = await fake.listen(options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    token: fake.token,
    state: fake.state,
    setFaults: (faults) => fake.dice.setFaults(faults),
    reset: () => fake.reset(),
    close: () => fake.close()
  };
}

/** The fake org's HTTP server: reads each body (bounded), routes it, answers or plays a fault. */
class FakeOrgServer {
  readonly token: string;
  readonly state: FakeOrgState;
  readonly dice: FaultDice;
  private readonly store: CallStore;
  private readonly username: string;
  private readonly holdMs: number;
  /** Requests held without an answer (hang, timeout), released on close or after holdMs. */
  private readonly held = new Set<http.ServerResponse>();
  private readonly server: http.Server;
  private readonly context: ContextResources;

  constructor(private readonly options: FakeOrgOptions) {
    this.context = new ContextResources(options.crm ?? defaultCrm(), options.hiddenFields);
    this.token = options.token ?? 'fake-token';
    this.username = options.username ?? 'integration@modjo.fake';
    this.holdMs = options.holdMs ?? 30_000;
    this.store = new CallStore(options.maxStoredCalls ?? 1_000_000);
    this.state = { requests: 0, postRequests: 0, faultsInjected: {}, calls: this.store.calls };
    this.dice = new FaultDice(options.faults ?? [], options.seed ?? 1, (kind) => {
      this.state.faultsInjected[kind] = (this.state.faultsInjected[kind] ?? 0) + 1;
    });
    this.server = http.createServer((req, res) => this.receive(req, res));
    this.server.maxConnections = options.maxConnections ?? 64;
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 60_000;
    this.server.keepAliveTimeout = 5_000;
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  reset(): void {
    this.state.calls.clear();
    this.state.requests = 0;
    this.state.postRequests = 0;
    this.state.faultsInjected = {};
    this.dice.reset();
  }

  close(): Promise<void> {
    for (const res of this.held) res.socket?.destroy();
    this.server.closeAllConnections();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Reads the body; far beyond the size limit it stops reading, answers 413 and closes (bounded memory). */
  private receive(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES * 2) {
        chunks.push(chunk);
        return;
      }
      if (!tooLarge) {
        tooLarge = true;
        send(res, 413, {
          errors: [{ code: 'BODY_TOO_LARGE', message: `The body is larger than ${MAX_BODY_BYTES} bytes.`, path: '$' }]
        });
        req.socket.destroy();
      }
    });
    req.on('end', () => {
      if (tooLarge) return;
      this.route(req, res, Buffer.concat(chunks)).catch(() => {
        // As ApiResponse.sendInternalError: a fixed message, never the exception's own text (docs/api.md).
        if (!res.headersSent) send(res, 500, { errors: [INTERNAL_ERROR] });
      });
    });
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    this.state.requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      send(res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
      return;
    }
    const platform = this.platformAnswer(req.method, url.pathname);
    if (platform) return reply(res, platform);
    const route = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : undefined;
    if (route === '/calls' && req.method === 'POST') return this.postCalls(req, res, body);
    if (route === '/health' && req.method === 'GET') return reply(res, { status: 200, answer: this.health() });
    if (route === '/lookup' && req.method === 'GET') {
      return reply(res, this.contextDenied() ?? this.context.lookup(url.searchParams));
    }
    if (route === '/match-preview' && req.method === 'POST') {
      return reply(res, this.contextDenied() ?? this.context.matchPreview(req.headers['content-type'], body));
    }
    const one = route?.match(/^\/calls\/([^/]*)$/);
    if (one && (req.method === 'GET' || req.method === 'DELETE')) return reply(res, this.oneCall(req.method, one[1]));
    send(res, 404, [{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' }]);
  }

  /** Just enough of the platform for @salesforce/core to store an access-token login (sf org login access-token). */
  private platformAnswer(method: string | undefined, pathname: string): Answer | undefined {
    if (method !== 'GET') return undefined;
    if (pathname === '/services/oauth2/userinfo') {
      return {
        status: 200,
        answer: {
          user_id: '005000000000001AAA',
          organization_id: '00D000000000001AAA',
          preferred_username: this.username
        }
      };
    }
    if (/^\/services\/data\/v\d+\.\d+\/sobjects\/User\/\w+$/.test(pathname)) {
      return { status: 200, answer: { Id: '005000000000001AAA', Username: this.username } };
    }
    return undefined;
  }

  /** 403 without the Modjo_Read_Context permission, as ApiResponse.sendReadContextDenied. */
  private contextDenied(): Answer | undefined {
    if (!this.options.denyContext) return undefined;
    const message = `The user ${this.username} lacks the Modjo_Read_Context permission: assign the Modjo Integration (or Modjo Admin) permission set to the user.`;
    return { status: 403, answer: { errors: [{ code: 'PERMISSION_DENIED', message, path: '$' }] } };
  }

  private health(): Record<string, unknown> {
    return healthDocument({
      apiPrefix: API_PREFIX,
      username: this.username,
      packageVersion: this.options.packageVersion,
      denied: this.options.deny === true,
      readContextDenied: this.options.denyContext === true,
      queuedCount: [...this.state.calls.values()].filter((c) => c.queued).length
    });
  }

  /** GET or DELETE /v1/calls/{modjoCallId}: a malformed id is 400 INVALID_FORMAT, as CallsResource answers it. */
  private oneCall(method: 'GET' | 'DELETE', encoded: string): Answer {
    let id: string | undefined;
    try {
      id = decodeURIComponent(encoded);
    } catch {
      id = undefined;
    }
    if (id === '' || id === undefined) {
      const message = 'The path needs a modjoCallId: /v1/calls/{modjoCallId}.';
      return { status: 400, answer: { errors: [{ code: 'REQUIRED_FIELD_MISSING', message, path: '$.modjoCallId' }] } };
    }
    if (!isValidCallId(id)) {
      const message = 'modjoCallId must be 1 to 64 characters among A-Z a-z 0-9 _ . : -';
      return { status: 400, answer: { errors: [{ code: 'INVALID_FORMAT', message, path: '$.modjoCallId' }] } };
    }
    return method === 'GET' ? this.store.callView(id) : this.store.deleteCall(id);
  }

  /** POST /v1/calls: permission, then the request fault (if any) before or after the calls are processed. */
  private async postCalls(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    const requestNo = ++this.state.postRequests;
    if (this.options.deny) {
      const message = 'Assign the Modjo_Integration permission set to the integration user.';
      send(res, 403, { errors: [{ code: 'PERMISSION_DENIED', message, path: '$' }] });
      return;
    }
    const fault = this.dice.requestFault(requestNo);
    if (this.options.latencyMs) await delay(this.options.latencyMs);
    if (fault && this.answerBeforeProcessing(fault, req, res)) return;
    const process = (): Answer =>
      this.store.processCalls(req.headers['content-type'], body, () => this.dice.itemFaults(requestNo));
    let outcome = process();
    if (fault?.kind === 'duplicateDelivery') outcome = process();
    if (fault?.kind === 'timeout') return this.hold(res);
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 200);
    if (fault?.kind === 'dropMidResponse') return cutMidResponse(res, outcome);
    reply(res, outcome);
  }

  /** Faults that answer (or not) before anything is applied; true when the request is dealt with. */
  private answerBeforeProcessing(fault: FaultRule, req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const retryAfter = { 'Retry-After': String(fault.retryAfterSeconds ?? 0) };
    switch (fault.kind) {
      case '503':
        send(res, 503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Service unavailable (fake org)' }], retryAfter);
        return true;
      case '429':
        send(res, 429, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'Too many requests (fake org)' }], retryAfter);
        return true;
      case 'lock500':
        send(res, 500, [
          { errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' }
        ]);
        return true;
      case 'internalError': {
        const message = 'Unexpected exception (fake org); nothing was saved.';
        send(res, 500, { errors: [{ code: 'INTERNAL_ERROR', message, path: '$' }] });
        return true;
      }
      case 'hang':
        this.hold(res);
        return true;
      case 'dropBefore':
        req.socket.destroy();
        return true;
      default:
        return false;
    }
  }

  /** No answer: the socket is destroyed on close or after holdMs. */
  private hold(res: http.ServerResponse): void {
    this.held.add(res);
    const timer = setTimeout(() => {
      this.held.delete(res);
      res.socket?.destroy();
    }, this.holdMs);
    res.on('close', () => {
      clearTimeout(timer);
      this.held.delete(res);
    });
  }
}

function reply(res: http.ServerResponse, { status, answer }: Answer): void {
  send(res, status, answer);
}

function send(res: http.ServerResponse, status: number, answer: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(answer);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers
  });
  res.end(body);
}

/** Applied, then the connection is cut half-way through the answer. */
function cutMidResponse(res: http.ServerResponse, { status, answer }: Answer): void {
  const text = JSON.stringify(answer);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.write(text.slice(0, Math.floor(text.length / 2)));
  setImmediate(() => res.socket?.destroy());
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

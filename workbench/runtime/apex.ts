/**
 * Browser-side mock of `@salesforce/apex`. Every `@salesforce/apex/Class.method` import becomes
 * `apexMethod('Class.method')`: a function returning a Promise (imperative calls) with a wire adapter class attached
 * as `.adapter` (for `@wire`). Answers come from the current scenario's `apex` map, set by the page runtime, or from
 * the scenario's CallsServer for answers marked `{ "server": true }`.
 */
import type { CallsServer, MockApexError } from '../mocks/callsServer';

/**
 * An Apex error: either short (`{ message, status? }`) or already in the platform's shape
 * (`{ status, body: { message, … } }`, as in fixtures/cards/error-*.json), which is passed through.
 */
export interface ApexErrorFixture {
  status?: number;
  message?: string;
  exceptionType?: string;
  body?: Record<string, unknown>;
}

/** How a mocked Apex method answers: data, an error, never (a spinner that stays), or the scenario's server. */
export interface ApexAnswer {
  data?: unknown;
  /** Answer from the scenario's CallsServer (mocks/callsServer.ts): filters, pages and links like the controller. */
  server?: boolean;
  error?: ApexErrorFixture;
  pending?: boolean;
  /** Delay before answering, in milliseconds (default: next macrotask). */
  delayMs?: number;
  /** Answers for particular parameters (first whose `when` values all equal the call's), e.g. a second page. */
  cases?: Array<ApexAnswer & { when: Record<string, unknown> }>;
  /**
   * Answers in turn, as a server whose data changes: the first call of the method gets the first, the next call the
   * second, …, the last repeats (e.g. the list a component reads again with refreshApex after a decision).
   */
  sequence?: ApexAnswer[];
}

export interface ApexCall {
  method: string;
  params: unknown;
  via: 'wire' | 'imperative';
}

interface WireValue {
  data: unknown;
  error: unknown;
}

type DataCallback = (value: WireValue) => void;

const answers = new Map<string, ApexAnswer>();
/** Calls of each method so far, for `sequence`. */
const callCounts = new Map<string, number>();
const calls: ApexCall[] = [];
const pendingTimers = new Set<number>();
let outstanding = 0;
const idleWaiters: Array<() => void> = [];
const refreshers = new WeakMap<object, () => Promise<void>>();
let callsServer: CallsServer | undefined;

/** The stateful stand-in for CallCardsController that `{ "server": true }` answers use (undefined: none). */
export function setCallsServer(server: CallsServer | undefined): void {
  callsServer = server;
}

/** Runs a CallCardsController method on the scenario's server. */
function serverAnswer(method: string, params: Record<string, unknown> | undefined): ApexAnswer {
  const server = callsServer;
  const name = method.split('.').pop() as string;
  const run: Record<string, (p: Record<string, unknown>) => unknown> = {
    getCalls: (p) => server?.getCalls(p),
    linkParticipant: (p) => server?.linkParticipant(p),
    linkCallRecords: (p) => server?.linkCallRecords(p)
  };
  if (!server || !run[name]) {
    return { error: { message: `Workbench: the scenario's server does not answer ${method}.` } };
  }
  try {
    return { data: run[name](params ?? {}) };
  } catch (error) {
    const err = error as MockApexError;
    return { error: { status: err.status ?? 500, message: err.message } };
  }
}

/** Replaces the answers of every mocked method (key: `Class.method`). */
export function setApexAnswers(map: Record<string, ApexAnswer> | undefined): void {
  answers.clear();
  callCounts.clear();
  for (const [method, answer] of Object.entries(map ?? {})) {
    answers.set(method, answer);
  }
}

/** The calls made so far (tests read them through `window.workbench`). */
export function apexCalls(): ApexCall[] {
  return calls.slice();
}

/** Resolves once no answer is waiting to be delivered (pending answers never count). */
export function whenApexIdle(): Promise<void> {
  return outstanding === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
}

function settle(): void {
  outstanding -= 1;
  if (outstanding === 0) {
    idleWaiters.splice(0).forEach((resolve) => resolve());
  }
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value as Record<string, unknown>).forEach(deepFreeze);
  }
  return value;
}

function serverError(method: string, error: ApexErrorFixture): object {
  if (error.body) {
    return { statusText: 'Server Error', ok: false, headers: {}, ...clone(error), status: error.status ?? 500 };
  }
  return {
    status: error.status ?? 500,
    statusText: 'Server Error',
    ok: false,
    headers: {},
    body: {
      message: error.message ?? 'Unknown error',
      exceptionType: error.exceptionType ?? 'System.AuraHandledException',
      isUserDefinedException: false,
      stackTrace: ''
    },
    method
  };
}

function answerFor(method: string, params: Record<string, unknown> | undefined): ApexAnswer {
  const given = answers.get(method);
  if (!given) {
    return { error: { message: `Workbench: no fixture answers ${method} in this scenario.` } };
  }
  const turn = callCounts.get(method) ?? 0;
  callCounts.set(method, turn + 1);
  const answer = given.sequence?.length ? given.sequence[Math.min(turn, given.sequence.length - 1)] : given;
  const match = answer.cases?.find((c) =>
    Object.entries(c.when).every(([key, value]) => (params?.[key] ?? null) === value)
  );
  const chosen = match ?? answer;
  return chosen.server ? { ...serverAnswer(method, params), delayMs: chosen.delayMs } : chosen;
}

/** Delivers an answer after its delay; pending answers are never delivered. */
function deliver(
  method: string,
  params: Record<string, unknown> | undefined,
  onData: (data: unknown) => void,
  onError: (error: object) => void
): void {
  const answer = answerFor(method, params);
  if (answer.pending) {
    return;
  }
  outstanding += 1;
  const timer = window.setTimeout(() => {
    pendingTimers.delete(timer);
    try {
      if (answer.error) {
        onError(serverError(method, answer.error));
      } else {
        onData(answer.data);
      }
    } finally {
      settle();
    }
  }, answer.delayMs ?? 0);
  pendingTimers.add(timer);
}

export interface MockApexMethod {
  (params?: Record<string, unknown>): Promise<unknown>;
  adapter: new (dataCallback: DataCallback) => WireAdapterInstance;
}

interface WireAdapterInstance {
  update(config: Record<string, unknown>): void;
  connect(): void;
  disconnect(): void;
}

/** Builds the mock behind one `@salesforce/apex/Class.method` import. */
export function apexMethod(method: string): MockApexMethod {
  const invoke = (params?: Record<string, unknown>): Promise<unknown> => {
    calls.push({ method, params: clone(params), via: 'imperative' });
    return new Promise((resolve, reject) =>
      deliver(
        method,
        params,
        (data) => resolve(clone(data)),
        (error) => reject(error)
      )
    );
  };

  class ApexWireAdapter implements WireAdapterInstance {
    private connected = false;
    private config: Record<string, unknown> | undefined;

    constructor(private readonly dataCallback: DataCallback) {}

    update(config: Record<string, unknown>): void {
      this.config = config;
      // Like the platform's Apex adapter: no call while a parameter is still undefined (e.g. a recordId the
      // component withholds without the Modjo User permission).
      if (Object.values(config).some((value) => value === undefined)) {
        return;
      }
      this.fetch();
    }

    connect(): void {
      this.connected = true;
    }

    disconnect(): void {
      this.connected = false;
    }

    private fetch(): Promise<void> {
      calls.push({ method, params: clone(this.config), via: 'wire' });
      return new Promise((resolve) => {
        const emit = (value: WireValue): void => {
          if (this.connected) {
            refreshers.set(value, () => this.fetch());
            this.dataCallback(value);
          }
          resolve();
        };
        deliver(
          method,
          this.config,
          (data) => emit({ data: deepFreeze(clone(data)), error: undefined }),
          (error) => emit({ data: undefined, error })
        );
      });
    }
  }

  const mock = invoke as MockApexMethod;
  mock.adapter = ApexWireAdapter;
  return mock;
}

/** `refreshApex(wiredValue)`: asks the adapter that provisioned the value to fetch again. */
export function refreshApex(wiredValue: unknown): Promise<void> {
  const refresh = wiredValue && typeof wiredValue === 'object' ? refreshers.get(wiredValue) : undefined;
  return refresh ? refresh() : Promise.resolve();
}

/** `getSObjectValue(record, field)` for records returned by Apex. */
export function getSObjectValue(record: Record<string, unknown>, field: string | { fieldApiName: string }): unknown {
  const name = typeof field === 'string' ? field : field.fieldApiName;
  return name.split('.').reduce<unknown>((value, part) => {
    return value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }, record);
}

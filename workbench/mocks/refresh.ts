/**
 * Local stand-in for `lightning/refresh` (not part of lightning-base-components). Components register handlers with
 * `registerRefreshHandler`; a RefreshEvent dispatched by any element of the page, or `window.workbench.refresh()`
 * in a browser test, runs every registered handler, as the Lightning container does.
 */
type Handler = () => Promise<boolean> | boolean;

const handlers = new Map<number, Handler>();
let nextId = 1;

export function registerRefreshHandler(_element: object, handler: Handler): number {
  const id = nextId;
  nextId += 1;
  handlers.set(id, handler);
  return id;
}

export function unregisterRefreshHandler(id: unknown): void {
  handlers.delete(id as number);
}

/** Runs every registered handler (what the container does on a RefreshEvent). */
export function runRefreshHandlers(): Promise<boolean[]> {
  return Promise.all([...handlers.values()].map((handler) => Promise.resolve(handler())));
}

const EVENT_NAME = 'lightning__refreshevent';

export class RefreshEvent extends CustomEvent<null> {
  constructor() {
    super(EVENT_NAME, { bubbles: true, composed: true, detail: null });
  }
}

document.addEventListener(EVENT_NAME, () => {
  void runRefreshHandlers();
});
